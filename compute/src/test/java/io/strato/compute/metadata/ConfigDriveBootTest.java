package io.strato.compute.metadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Boots Strato's tiny image (tools/tiny-image) under QEMU TCG with a config drive made by
 * {@link ConfigDriveBuilder} and checks the guest read it: its console markers show our uuid and
 * hostname and the output of our {@code #!} user data. Skipped without QEMU, the image tools or
 * an ISO tool. The image is {@code STRATO_TINY_IMAGE}, else the build cache's, else built.
 */
class ConfigDriveBootTest {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(150);

    @TempDir
    Path directory;

    @Test
    void tinyGuestReadsTheConfigDrive() throws Exception {
        assumeTrue(ExternalCommand.installed("qemu-system-x86_64"), "qemu-system-x86_64 is not installed");
        var isoCommand = ConfigDriveBuilder.findIsoCommand(System.getenv("PATH"));
        assumeTrue(isoCommand.isPresent(), "neither genisoimage nor xorriso is installed");
        Path image = tinyImage();

        String uuid = "0c3d9a54-5b1e-4f7a-8d2c-6e9f0a1b2c3d";
        String hostname = "meta-boot.novalocal";
        String userData = "#!/bin/sh\necho \"STRATO-METADATA-TEST user-data ran on $(hostname)\"\nexit 0\n";
        InstanceMetadata instance = SampleInstances.webServer(uuid, hostname).toBuilder()
                .name("meta-boot")
                .userData(userData.getBytes(StandardCharsets.UTF_8))
                .build();
        Path iso = directory.resolve("disk.config");
        new ConfigDriveBuilder(isoCommand.get(), "Strato").build(new MetadataDocuments(instance), iso);

        Path log = directory.resolve("console.log");
        Files.createFile(log);
        Process qemu = new ProcessBuilder(List.of("qemu-system-x86_64", "-machine", "pc,accel=tcg", "-m", "128",
                "-nographic", "-nic", "none",
                "-drive", "file=" + image + ",if=virtio,snapshot=on",
                "-cdrom", iso.toString(),
                "-serial", "file:" + log))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("qemu.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String console;
        try {
            console = waitFor(log, qemu, "STRATO-TINY: ready");
        } finally {
            qemu.destroy();
            if (!qemu.waitFor(5, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
                qemu.waitFor(5, TimeUnit.SECONDS);
            }
        }
        String context = "\n----- console -----\n" + console;
        assertTrue(console.contains("STRATO-TINY: ready"), "no ready marker within " + BOOT_TIMEOUT + context);
        assertTrue(console.contains("STRATO-TINY: metadata config-drive uuid=" + uuid + " hostname=" + hostname),
                "config drive not read" + context);
        assertTrue(console.contains("STRATO-TINY: ssh-keys 1"), "key not installed" + context);
        assertTrue(console.contains("STRATO-METADATA-TEST user-data ran on meta-boot"), "user data not run" + context);
        assertTrue(console.contains("STRATO-TINY: user-data exit=0"), "user data failed" + context);
    }

    private static String waitFor(Path log, Process qemu, String marker) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String console = Files.readString(log, StandardCharsets.ISO_8859_1);
            if (console.contains(marker) || !qemu.isAlive()) {
                return console;
            }
            Thread.sleep(500);
        }
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    private Path tinyImage() throws IOException, InterruptedException {
        String configured = System.getenv("STRATO_TINY_IMAGE");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path cached = Path.of(System.getProperty("user.home"), ".cache/strato/tiny-image/strato-tiny.qcow2");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Path buildScript = findBuildScript();
        assumeTrue(buildScript != null, "tools/tiny-image/build.sh not found");
        Path built = directory.resolve("strato-tiny.qcow2");
        Process build = new ProcessBuilder(buildScript.toString(), built.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("build.log").toFile()).start();
        boolean finished = build.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            build.destroyForcibly();
        }
        assumeTrue(finished && build.exitValue() == 0 && Files.isRegularFile(built),
                "could not build the tiny image: " + Files.readString(directory.resolve("build.log")));
        return built;
    }

    private static Path findBuildScript() {
        for (Path current = Path.of("").toAbsolutePath(); current != null; current = current.getParent()) {
            Path script = current.resolve("tools/tiny-image/build.sh");
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        return null;
    }
}
