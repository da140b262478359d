package io.strato.image.it;

import io.strato.identity.IdentityBootstrap;
import io.strato.identity.IdentityService;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Identity and image services in this JVM, on free ports, with known bootstrap passwords. */
final class ImageTestCloud implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String DEMO_PASSWORD = "demo-secret-1";

    final Database database;
    final HttpServerHost http;
    final ApiClient identity;
    final ApiClient image;
    final String imageUrl;
    final Path imageDirectory;
    final ImageService imageService;

    private ImageTestCloud(Database database, HttpServerHost http, String identityUrl, String imageUrl,
            Path imageDirectory, ImageService imageService) {
        this.database = database;
        this.http = http;
        this.identity = new ApiClient(identityUrl);
        this.image = new ApiClient(imageUrl);
        this.imageUrl = imageUrl;
        this.imageDirectory = imageDirectory;
        this.imageService = imageService;
    }

    static ImageTestCloud start(TestDatabases.Engine engine, Map<String, String> settings) throws IOException {
        Map<String, String> values = new HashMap<>(Map.of("identity.password_hash_iterations", "1000"));
        values.putAll(settings);
        Config config = Config.of(values);
        Database database = TestDatabases.open(engine);
        IdentityService identity = new IdentityService(config, database, TestDatabases.tempDir("strato-keys-"),
                Clock.systemUTC());
        Path images = TestDatabases.tempDir("strato-images-");
        ImageService image = new ImageService(config, database, images, Clock.systemUTC());
        HttpServerHost http = new HttpServerHost("127.0.0.1");
        int identityPort = TestPorts.free();
        int imagePort = TestPorts.free();
        http.start(identity.httpService(identityPort));
        http.start(image.httpService(imagePort, identity.tokens()));
        String identityUrl = "http://127.0.0.1:" + identityPort;
        String imageUrl = "http://127.0.0.1:" + imagePort;
        identity.bootstrap().run(ADMIN_PASSWORD, DEMO_PASSWORD, List.of(
                new IdentityBootstrap.CatalogService("identity", "keystone", "Identity", identityUrl + "/v3",
                        identityUrl + "/v3", identityUrl + "/v3"),
                new IdentityBootstrap.CatalogService("image", "glance", "Image", imageUrl, imageUrl, imageUrl)));
        return new ImageTestCloud(database, http, identityUrl, imageUrl, images, image);
    }

    String token(String user, String password, String project) {
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of("name", user,
                        "domain", Map.of("id", "default"), "password", password))),
                "scope", Map.of("project", Map.of("name", project, "domain", Map.of("id", "default")))));
        return identity.post("/v3/auth/tokens", null, body).header("X-Subject-Token").orElseThrow();
    }

    String adminToken() {
        return token("admin", ADMIN_PASSWORD, "admin");
    }

    String demoToken() {
        return token("demo", DEMO_PASSWORD, "demo");
    }

    /** A new user with the member role on a new project; returns a token for it. */
    String memberOfNewProject(String name) {
        return userOfNewProject(name, "member");
    }

    /** A new user with the given role on a new project; returns a token for it. */
    String userOfNewProject(String name, String role) {
        String admin = adminToken();
        String project = identity.post("/v3/projects", admin, Map.of("project", Map.of("name", name)))
                .json().path("project").path("id").asText();
        String user = identity.post("/v3/users", admin, Map.of("user", Map.of("name", name, "password", name + "-pass-1")))
                .json().path("user").path("id").asText();
        String member = identity.get("/v3/roles?name=" + role, admin).json().path("roles").get(0).path("id").asText();
        identity.put("/v3/projects/" + project + "/users/" + user + "/roles/" + member, admin);
        return token(name, name + "-pass-1", name);
    }

    String projectOf(String token) {
        return identity.send("GET", "/v3/auth/tokens", token, null, Map.of("X-Subject-Token", token))
                .json().path("token").path("project").path("id").asText();
    }

    @Override
    public void close() {
        http.close();
        database.close();
    }

}
