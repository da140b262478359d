package io.strato.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes {@code clouds.yaml} (clouds strato-admin and strato-demo) and {@code admin-openrc.sh}. */
final class ClientFiles {
    private ClientFiles() {
    }

    static void write(Path dataDir, String identityUrl, Secrets secrets) throws IOException {
        String authUrl = identityUrl + "/v3";
        String clouds = """
                # Written by strato up. Use with: export OS_CLIENT_CONFIG_FILE=%1$s OS_CLOUD=strato-admin
                clouds:
                  strato-admin:
                    auth:
                      auth_url: %2$s
                      username: admin
                      password: "%3$s"
                      project_name: admin
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: RegionOne
                    interface: public
                    identity_api_version: 3
                  strato-demo:
                    auth:
                      auth_url: %2$s
                      username: demo
                      password: "%4$s"
                      project_name: demo
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: RegionOne
                    interface: public
                    identity_api_version: 3
                """.formatted(dataDir.resolve("clouds.yaml"), authUrl, secrets.adminPassword(), secrets.demoPassword());
        String openrc = """
                # Written by strato up. Load with: source %1$s
                export OS_AUTH_URL=%2$s
                export OS_USERNAME=admin
                export OS_PASSWORD='%3$s'
                export OS_PROJECT_NAME=admin
                export OS_USER_DOMAIN_NAME=Default
                export OS_PROJECT_DOMAIN_NAME=Default
                export OS_REGION_NAME=RegionOne
                export OS_IDENTITY_API_VERSION=3
                export OS_INTERFACE=public
                """.formatted(dataDir.resolve("admin-openrc.sh"), authUrl, secrets.adminPassword());
        writePrivate(dataDir.resolve("clouds.yaml"), clouds);
        writePrivate(dataDir.resolve("admin-openrc.sh"), openrc);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
