package io.strato.identity;

import io.strato.identity.core.CatalogManager;
import io.strato.identity.core.CredentialCipher;
import io.strato.identity.core.DelegationManager;
import io.strato.identity.core.IdentityData;
import io.strato.identity.core.PasswordHasher;
import io.strato.identity.core.PolicyBlobManager;
import io.strato.identity.core.ResourceManager;
import io.strato.identity.core.Revocations;
import io.strato.identity.core.RoleAssignments;
import io.strato.identity.core.RoleManager;
import io.strato.identity.core.SecurityCompliance;
import io.strato.identity.core.TokenManager;
import io.strato.identity.core.UserManager;
import io.strato.identity.rest.IdentityRoutes;
import io.strato.identity.token.FernetKeyRepository;
import io.strato.identity.token.FernetTokenProvider;
import io.strato.platform.config.Config;
import io.strato.platform.db.Database;
import io.strato.platform.http.HttpService;
import io.strato.platform.http.Router;
import io.strato.platform.policy.PolicyEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The identity service (Keystone v3) assembled from its parts: stores on the shared database,
 * managers, the Fernet token provider over a key repository, the policy engine, and routes.
 */
public final class IdentityService {
    public static final int DEFAULT_PORT = 5000;
    private static final long MAX_BODY_BYTES = 114_688; // Keystone's max_request_body_size
    /** The identity schema's migrations, in order. */
    public static final List<Database.Migration> MIGRATIONS = List.of(
            new Database.Migration(1, "db/identity/V1__identity.sql"),
            new Database.Migration(2, "db/identity/V2__policy_blobs.sql"));

    private final IdentityData data;
    private final FernetKeyRepository keys;
    private final ResourceManager resources;
    private final UserManager users;
    private final RoleManager roles;
    private final CatalogManager catalog;
    private final DelegationManager delegations;
    private final TokenManager tokens;
    private final RoleAssignments assignments;
    private final PolicyEngine policy;

    public IdentityService(Config config, Database database, Path keyDirectory, Clock clock) {
        database.migrate("identity", MIGRATIONS);
        Duration lifetime = config.getDuration("identity.token.expiration", Duration.ofHours(1));
        Revocations revocations = new Revocations(database, clock, lifetime.plusHours(1));
        revocations.load();
        this.data = new IdentityData(database, clock, revocations);
        this.keys = new FernetKeyRepository(keyDirectory, config.getInt("identity.fernet.max_active_keys", 3));
        try {
            keys.initialize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the Fernet key repository in " + keyDirectory, e);
        }
        PasswordHasher hasher = new PasswordHasher(config.getInt("identity.password_hash_iterations", 100_000));
        this.resources = new ResourceManager(data);
        this.users = new UserManager(data, hasher, SecurityCompliance.from(config));
        this.roles = new RoleManager(data);
        this.catalog = new CatalogManager(data);
        FernetKeyRepository credentialKeys = new FernetKeyRepository(keyDirectory.resolveSibling(
                keyDirectory.getFileName() + "-credentials"), config.getInt("identity.fernet.max_active_keys", 3));
        try {
            credentialKeys.initialize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the credential key repository", e);
        }
        this.delegations = new DelegationManager(data, users, roles, new CredentialCipher(credentialKeys, clock));
        this.assignments = new RoleAssignments(data, roles, resources);
        this.tokens = new TokenManager(data, new FernetTokenProvider(keys, clock), resources, users, roles, delegations,
                lifetime);
        this.policy = PolicyEngine.load(defaultPolicy(), config.get("identity.policy_file").map(Path::of).orElse(null));
    }

    /** The HTTP service on the given port. */
    public HttpService httpService(int port) {
        Router router = new Router();
        new IdentityRoutes(tokens, resources, users, roles, catalog, delegations, assignments,
                new PolicyBlobManager(data), policy).register(router);
        return new HttpService("identity", port, router, IdentityRoutes.faults(), MAX_BODY_BYTES, tokens);
    }

    public TokenManager tokens() {
        return tokens;
    }

    public IdentityBootstrap bootstrap() {
        return new IdentityBootstrap(resources, users, roles, catalog);
    }

    /** Re-reads the key repository (after a rotation by another process) and new revocation events. */
    public void refresh() {
        try {
            keys.reload();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        data.revocations.refresh();
    }

    /** Rotates the Fernet keys in a key directory, as {@code keystone-manage fernet_rotate} does. */
    public static void rotateKeys(Path keyDirectory, int maxActiveKeys) throws IOException {
        FernetKeyRepository repository = new FernetKeyRepository(keyDirectory, maxActiveKeys);
        repository.initialize();
        repository.rotate();
    }

    private static Map<String, String> defaultPolicy() {
        try (InputStream in = IdentityService.class.getResourceAsStream("/io/strato/identity/policy-defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("identity policy defaults are missing from the build");
            }
            return PolicyEngine.readRules(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
