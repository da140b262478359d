package io.strato.compute.it;

import io.strato.compute.ComputeApiService;
import io.strato.identity.IdentityBootstrap;
import io.strato.identity.IdentityService;
import io.strato.platform.config.Config;
import io.strato.platform.db.Database;
import io.strato.platform.http.HttpServerHost;
import io.strato.platform.testing.ApiClient;
import io.strato.platform.testing.TestDatabases;
import io.strato.platform.testing.TestPorts;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Identity and the compute API in this JVM, on free ports, with known bootstrap passwords. */
final class ComputeTestCloud implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String DEMO_PASSWORD = "demo-secret-1";

    final Database database;
    final HttpServerHost http;
    final ApiClient identity;
    final ApiClient compute;
    final String computeUrl;
    final ComputeApiService computeService;
    final Config config;

    private ComputeTestCloud(Database database, HttpServerHost http, String identityUrl, String computeUrl,
            ComputeApiService computeService, Config config) {
        this.database = database;
        this.http = http;
        this.identity = new ApiClient(identityUrl);
        this.compute = new ApiClient(computeUrl);
        this.computeUrl = computeUrl;
        this.computeService = computeService;
        this.config = config;
    }

    static ComputeTestCloud start(TestDatabases.Engine engine, Map<String, String> settings) throws IOException {
        Map<String, String> values = new HashMap<>(Map.of("identity.password_hash_iterations", "1000"));
        values.putAll(settings);
        Config config = Config.of(values);
        Database database = TestDatabases.open(engine);
        IdentityService identity = new IdentityService(config, database, TestDatabases.tempDir("strato-keys-"),
                Clock.systemUTC());
        ComputeApiService compute = new ComputeApiService(config, database, Clock.systemUTC());
        HttpServerHost http = new HttpServerHost("127.0.0.1");
        int identityPort = TestPorts.free();
        int computePort = TestPorts.free();
        http.start(identity.httpService(identityPort));
        http.start(compute.httpService(computePort, identity.tokens()));
        String identityUrl = "http://127.0.0.1:" + identityPort;
        String computeUrl = "http://127.0.0.1:" + computePort;
        identity.bootstrap().run(ADMIN_PASSWORD, DEMO_PASSWORD, List.of(
                new IdentityBootstrap.CatalogService("identity", "keystone", "Identity", identityUrl + "/v3",
                        identityUrl + "/v3", identityUrl + "/v3"),
                new IdentityBootstrap.CatalogService("compute", "nova", "Compute", computeUrl + "/v2.1",
                        computeUrl + "/v2.1", computeUrl + "/v2.1")));
        return new ComputeTestCloud(database, http, identityUrl, computeUrl, compute, config);
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

    /** A new user with the given role on a new project; returns a token for it. */
    String userOfNewProject(String name, String role) {
        String admin = adminToken();
        String project = identity.post("/v3/projects", admin, Map.of("project", Map.of("name", name)))
                .json().path("project").path("id").asText();
        String user = identity.post("/v3/users", admin, Map.of("user", Map.of("name", name, "password", name + "-pass-1")))
                .json().path("user").path("id").asText();
        String roleId = identity.get("/v3/roles?name=" + role, admin).json().path("roles").get(0).path("id").asText();
        identity.put("/v3/projects/" + project + "/users/" + user + "/roles/" + roleId, admin);
        return token(name, name + "-pass-1", name);
    }

    String projectOf(String token) {
        return identity.send("GET", "/v3/auth/tokens", token, null, Map.of("X-Subject-Token", token))
                .json().path("token").path("project").path("id").asText();
    }

    String userOf(String token) {
        return identity.send("GET", "/v3/auth/tokens", token, null, Map.of("X-Subject-Token", token))
                .json().path("token").path("user").path("id").asText();
    }

    @Override
    public void close() {
        http.close();
        database.close();
    }
}
