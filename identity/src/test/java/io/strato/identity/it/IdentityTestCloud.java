package io.strato.identity.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strato.identity.IdentityBootstrap;
import io.strato.identity.IdentityService;
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

/** The identity service started in this JVM on a free port, bootstrapped with known passwords. */
final class IdentityTestCloud implements AutoCloseable {
    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String DEMO_PASSWORD = "demo-secret-1";

    final Database database;
    final IdentityService service;
    final HttpServerHost http;
    final ApiClient api;
    final String url;
    final Path keys;

    private IdentityTestCloud(Database database, IdentityService service, HttpServerHost http, String url, Path keys) {
        this.database = database;
        this.service = service;
        this.http = http;
        this.url = url;
        this.keys = keys;
        this.api = new ApiClient(url);
    }

    static IdentityTestCloud start(TestDatabases.Engine engine, Map<String, String> settings) throws IOException {
        return start(TestDatabases.open(engine), TestDatabases.tempDir("strato-keys-"), settings);
    }

    static IdentityTestCloud start(Database database, Path keys, Map<String, String> settings) throws IOException {
        Map<String, String> values = new HashMap<>(Map.of("identity.password_hash_iterations", "1000"));
        values.putAll(settings);
        IdentityService service = new IdentityService(Config.of(values), database, keys, Clock.systemUTC());
        int port = TestPorts.free();
        HttpServerHost http = new HttpServerHost("127.0.0.1");
        http.start(service.httpService(port));
        String url = "http://127.0.0.1:" + port;
        service.bootstrap().run(ADMIN_PASSWORD, DEMO_PASSWORD, List.of(new IdentityBootstrap.CatalogService(
                "identity", "keystone", "Identity", url + "/v3", url + "/v3", url + "/v3")));
        return new IdentityTestCloud(database, service, http, url, keys);
    }

    /** A project-scoped token for a user of the Default domain. */
    String token(String user, String password, String project) {
        return issue(passwordAuth(user, password, Map.of("project", Map.of("name", project, "domain",
                Map.of("id", "default"))))).header("X-Subject-Token").orElseThrow();
    }

    String adminToken() {
        return token("admin", ADMIN_PASSWORD, "admin");
    }

    String systemToken() {
        return issue(passwordAuth("admin", ADMIN_PASSWORD, Map.of("system", Map.of("all", true))))
                .header("X-Subject-Token").orElseThrow();
    }

    ApiClient.Reply issue(Object body) {
        return api.post("/v3/auth/tokens", null, body);
    }

    static Map<String, Object> passwordAuth(String user, String password, Map<String, Object> scope) {
        Map<String, Object> identity = Map.of("methods", List.of("password"), "password", Map.of("user",
                Map.of("name", user, "domain", Map.of("id", "default"), "password", password)));
        Map<String, Object> auth = new HashMap<>();
        auth.put("identity", identity);
        if (scope != null) {
            auth.put("scope", scope);
        }
        return Map.of("auth", auth);
    }

    /** Creates a user with a password and a role on a new project; returns {userId, projectId}. */
    String[] userWithRole(String name, String password, String role) {
        String admin = adminToken();
        String project = api.post("/v3/projects", admin, Map.of("project", Map.of("name", name + "-project")))
                .json().path("project").path("id").asText();
        String user = api.post("/v3/users", admin, Map.of("user", Map.of("name", name, "password", password)))
                .json().path("user").path("id").asText();
        String roleId = roleId(role);
        api.put("/v3/projects/" + project + "/users/" + user + "/roles/" + roleId, admin);
        return new String[] {user, project};
    }

    String roleId(String name) {
        for (JsonNode role : api.get("/v3/roles?name=" + name, adminToken()).json().path("roles")) {
            return role.path("id").asText();
        }
        throw new IllegalStateException("no role " + name);
    }

    @Override
    public void close() {
        http.close();
        database.close();
    }

}
