package io.strato.identity.testing;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity service in a test's JVM, for other services' integration tests: started on a free
 * port, bootstrapped with known passwords, with helpers for tokens and test users.
 */
public final class IdentityFixture {
    public static final String ADMIN_PASSWORD = "admin-secret-1";
    public static final String DEMO_PASSWORD = "demo-secret-1";

    public final IdentityService service;
    public final ApiClient api;
    public final String url;

    private IdentityFixture(IdentityService service, String url) {
        this.service = service;
        this.url = url;
        this.api = new ApiClient(url);
    }

    /** Test settings: a cheap password hash, then the given settings. */
    public static Config config(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(Map.of("identity.password_hash_iterations", "1000"));
        values.putAll(settings);
        return Config.of(values);
    }

    /** Starts identity on the host; call {@link #bootstrap} once the other services' URLs are known. */
    public static IdentityFixture start(Config config, Database database, HttpServerHost http) throws IOException {
        IdentityService service = new IdentityService(config, database, TestDatabases.tempDir("strato-keys-"),
                Clock.systemUTC());
        int port = TestPorts.free();
        http.start(service.httpService(port));
        return new IdentityFixture(service, "http://127.0.0.1:" + port);
    }

    /** Bootstraps users, projects and roles, and a catalog of identity plus the given services. */
    public void bootstrap(List<IdentityBootstrap.CatalogService> services) {
        List<IdentityBootstrap.CatalogService> catalog = new ArrayList<>();
        catalog.add(new IdentityBootstrap.CatalogService("identity", "keystone", "Identity", url + "/v3", url + "/v3",
                url + "/v3"));
        catalog.addAll(services);
        service.bootstrap().run(ADMIN_PASSWORD, DEMO_PASSWORD, catalog);
    }

    /** A project-scoped token for a user of the Default domain. */
    public String token(String user, String password, String project) {
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of("name", user,
                        "domain", Map.of("id", "default"), "password", password))),
                "scope", Map.of("project", Map.of("name", project, "domain", Map.of("id", "default")))));
        return api.post("/v3/auth/tokens", null, body).header("X-Subject-Token").orElseThrow();
    }

    public String adminToken() {
        return token("admin", ADMIN_PASSWORD, "admin");
    }

    public String demoToken() {
        return token("demo", DEMO_PASSWORD, "demo");
    }

    /** A new user with the role on a new project of the same name; returns a token for it. */
    public String userOfNewProject(String name, String role) {
        String admin = adminToken();
        String project = api.post("/v3/projects", admin, Map.of("project", Map.of("name", name)))
                .json().path("project").path("id").asText();
        String user = api.post("/v3/users", admin, Map.of("user", Map.of("name", name, "password", name + "-pass-1")))
                .json().path("user").path("id").asText();
        String roleId = api.get("/v3/roles?name=" + role, admin).json().path("roles").get(0).path("id").asText();
        api.put("/v3/projects/" + project + "/users/" + user + "/roles/" + roleId, admin);
        return token(name, name + "-pass-1", name);
    }

    public String projectOf(String token) {
        return subject(token).path("project").path("id").asText();
    }

    public String userOf(String token) {
        return subject(token).path("user").path("id").asText();
    }

    private com.fasterxml.jackson.databind.JsonNode subject(String token) {
        return api.send("GET", "/v3/auth/tokens", token, null, Map.of("X-Subject-Token", token)).json().path("token");
    }
}
