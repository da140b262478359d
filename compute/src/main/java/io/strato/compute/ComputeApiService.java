package io.strato.compute;

import io.strato.compute.api.ComputeUsage;
import io.strato.compute.api.Flavor;
import io.strato.compute.api.FlavorReader;
import io.strato.compute.api.Keypair;
import io.strato.compute.api.KeypairReader;
import io.strato.compute.core.ComputePolicy;
import io.strato.compute.core.FlavorManager;
import io.strato.compute.core.KeypairManager;
import io.strato.compute.core.QuotaManager;
import io.strato.compute.rest.ComputeRoutes;
import io.strato.compute.store.FlavorStore;
import io.strato.compute.store.KeypairStore;
import io.strato.compute.store.QuotaStore;
import io.strato.platform.auth.AuthContext;
import io.strato.platform.auth.TokenValidator;
import io.strato.platform.config.Config;
import io.strato.platform.db.Database;
import io.strato.platform.http.HttpService;
import io.strato.platform.http.Router;
import io.strato.platform.policy.PolicyEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The compute API (Nova v2.1) resources that need no hypervisor, assembled from their parts:
 * flavors, keypairs, availability zones, limits and quota sets on the shared database, Nova's
 * default policy (overridable with {@code compute.policy_file}), and the routes under {@code /v2.1}.
 */
public final class ComputeApiService implements FlavorReader, KeypairReader {
    public static final int DEFAULT_PORT = 8774;
    public static final List<Database.Migration> MIGRATIONS = List.of(
            new Database.Migration(1, "db/compute/V1__compute_api.sql"),
            new Database.Migration(2, "db/compute/V2__placement.sql"));
    private static final long MAX_BODY_BYTES = 1 << 20;

    private final ComputePolicy policy;
    private final FlavorManager flavors;
    private final KeypairManager keypairs;
    private final QuotaManager quotas;
    private final String availabilityZone;

    public ComputeApiService(Config config, Database database, Clock clock) {
        this(config, database, clock, ComputeUsage.NONE);
    }

    /** With {@code usage} counting what servers use, for limits and quota checks. */
    public ComputeApiService(Config config, Database database, Clock clock, ComputeUsage usage) {
        database.migrate("compute", MIGRATIONS);
        this.policy = new ComputePolicy(PolicyEngine.load(ComputePolicy.defaults(),
                config.get("compute.policy_file").map(Path::of).orElse(null)));
        this.flavors = new FlavorManager(database, new FlavorStore(), clock);
        this.quotas = new QuotaManager(config, database, new QuotaStore(), usage);
        this.keypairs = new KeypairManager(database, new KeypairStore(), quotas, clock);
        this.availabilityZone = config.get("compute.availability_zone", "nova");
        if (config.getBoolean("compute.bootstrap_flavors", true)) {
            flavors.bootstrapDefaults();
        }
    }

    public HttpService httpService(int port, TokenValidator tokens) {
        Router router = new Router();
        new ComputeRoutes(policy, flavors, keypairs, quotas, availabilityZone).register(router);
        return new HttpService("compute", port, router, ComputeRoutes.faults(), MAX_BODY_BYTES, tokens);
    }

    @Override
    public Optional<Flavor> find(AuthContext caller, String flavorId) {
        return flavors.find(policy.caller(caller), flavorId);
    }

    @Override
    public Optional<Keypair> find(String userId, String name) {
        return keypairs.find(userId, name);
    }

    /** The quotas and usage, for server create's checks once servers exist. */
    public QuotaManager quotas() {
        return quotas;
    }
}
