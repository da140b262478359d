package io.strato.compute.it;

import io.strato.compute.ComputeApiService;
import io.strato.identity.IdentityBootstrap;
import io.strato.identity.testing.IdentityFixture;
import io.strato.platform.config.Config;
import io.strato.platform.db.Database;
import io.strato.platform.http.HttpServerHost;
import io.strato.platform.testing.ApiClient;
import io.strato.platform.testing.TestDatabases;
import io.strato.platform.testing.TestPorts;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Identity and the compute API in this JVM, on free ports, with known bootstrap passwords. */
final class ComputeTestCloud implements AutoCloseable {
    final Database database;
    final HttpServerHost http;
    final IdentityFixture identityFixture;
    final ApiClient identity;
    final ApiClient compute;
    final String computeUrl;
    final ComputeApiService computeService;
    final Config config;

    private ComputeTestCloud(Database database, HttpServerHost http, IdentityFixture identity, String computeUrl,
            ComputeApiService computeService, Config config) {
        this.database = database;
        this.http = http;
        this.identityFixture = identity;
        this.identity = identity.api;
        this.compute = new ApiClient(computeUrl);
        this.computeUrl = computeUrl;
        this.computeService = computeService;
        this.config = config;
    }

    static ComputeTestCloud start(TestDatabases.Engine engine, Map<String, String> settings) throws IOException {
        Config config = IdentityFixture.config(settings);
        Database database = TestDatabases.open(engine);
        HttpServerHost http = new HttpServerHost("127.0.0.1");
        IdentityFixture identity = IdentityFixture.start(config, database, http);
        ComputeApiService compute = new ComputeApiService(config, database, Clock.systemUTC());
        int computePort = TestPorts.free();
        http.start(compute.httpService(computePort, identity.service.tokens()));
        String computeUrl = "http://127.0.0.1:" + computePort;
        identity.bootstrap(List.of(new IdentityBootstrap.CatalogService("compute", "nova", "Compute",
                computeUrl + "/v2.1", computeUrl + "/v2.1", computeUrl + "/v2.1")));
        return new ComputeTestCloud(database, http, identity, computeUrl, compute, config);
    }

    String token(String user, String password, String project) {
        return identityFixture.token(user, password, project);
    }

    String adminToken() {
        return identityFixture.adminToken();
    }

    String demoToken() {
        return identityFixture.demoToken();
    }

    /** A new user with the given role on a new project; returns a token for it. */
    String userOfNewProject(String name, String role) {
        return identityFixture.userOfNewProject(name, role);
    }

    String projectOf(String token) {
        return identityFixture.projectOf(token);
    }

    String userOf(String token) {
        return identityFixture.userOf(token);
    }

    @Override
    public void close() {
        http.close();
        database.close();
    }
}
