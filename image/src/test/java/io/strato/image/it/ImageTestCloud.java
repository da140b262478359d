package io.strato.image.it;

import io.strato.identity.IdentityBootstrap;
import io.strato.identity.testing.IdentityFixture;
import io.strato.image.ImageService;
import io.strato.platform.config.Config;
import io.strato.platform.db.Database;
import io.strato.platform.http.HttpServerHost;
import io.strato.platform.testing.ApiClient;
import io.strato.platform.testing.TestDatabases;
import io.strato.platform.testing.TestPorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Identity and image services in this JVM, on free ports, with known bootstrap passwords. */
final class ImageTestCloud implements AutoCloseable {
    final Database database;
    final HttpServerHost http;
    final IdentityFixture identity;
    final ApiClient image;
    final String imageUrl;
    final Path imageDirectory;
    final ImageService imageService;

    private ImageTestCloud(Database database, HttpServerHost http, IdentityFixture identity, String imageUrl,
            Path imageDirectory, ImageService imageService) {
        this.database = database;
        this.http = http;
        this.identity = identity;
        this.image = new ApiClient(imageUrl);
        this.imageUrl = imageUrl;
        this.imageDirectory = imageDirectory;
        this.imageService = imageService;
    }

    static ImageTestCloud start(TestDatabases.Engine engine, Map<String, String> settings) throws IOException {
        Config config = IdentityFixture.config(settings);
        Database database = TestDatabases.open(engine);
        HttpServerHost http = new HttpServerHost("127.0.0.1");
        IdentityFixture identity = IdentityFixture.start(config, database, http);
        Path images = TestDatabases.tempDir("strato-images-");
        ImageService image = new ImageService(config, database, images, Clock.systemUTC());
        int imagePort = TestPorts.free();
        http.start(image.httpService(imagePort, identity.service.tokens()));
        String imageUrl = "http://127.0.0.1:" + imagePort;
        identity.bootstrap(List.of(new IdentityBootstrap.CatalogService("image", "glance", "Image", imageUrl, imageUrl,
                imageUrl)));
        return new ImageTestCloud(database, http, identity, imageUrl, images, image);
    }

    String adminToken() {
        return identity.adminToken();
    }

    String demoToken() {
        return identity.demoToken();
    }

    /** A new user with the member role on a new project; returns a token for it. */
    String memberOfNewProject(String name) {
        return identity.userOfNewProject(name, "member");
    }

    String userOfNewProject(String name, String role) {
        return identity.userOfNewProject(name, role);
    }

    String projectOf(String token) {
        return identity.projectOf(token);
    }

    @Override
    public void close() {
        http.close();
        database.close();
    }
}
