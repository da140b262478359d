package io.strato.compute.core;

import io.strato.compute.api.Keypair;
import io.strato.compute.store.KeypairStore;
import io.strato.platform.db.Database;
import io.strato.platform.db.DatabaseException;
import io.strato.platform.http.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A user's keypairs: generate or import, list, show, delete, within the key_pairs quota. */
public final class KeypairManager {
    /** A created keypair and, when Strato generated it, the private key (returned once, never stored). */
    public record Created(Keypair keypair, String privateKey) {
    }

    private final Database database;
    private final KeypairStore store;
    private final QuotaManager quotas;
    private final Clock clock;

    public KeypairManager(Database database, KeypairStore store, QuotaManager quotas, Clock clock) {
        this.database = database;
        this.store = store;
        this.quotas = quotas;
        this.clock = clock;
    }

    /**
     * Imports {@code publicKey} or, when it is null, generates an RSA key. The quota is the key_pairs
     * limit of the caller's project, counted per user as Nova does.
     */
    public Created create(String userId, String projectId, String name, String type, String publicKey) {
        String fingerprint;
        String privateKey = null;
        String stored = publicKey;
        if (publicKey == null) {
            if (Keypair.X509.equals(type)) {
                throw ApiException.badRequest("Keypair data is invalid: Strato does not generate x509 certificates; "
                        + "import one with public_key");
            }
            SshKeys.Generated generated = SshKeys.generateRsa("Generated-by-Strato");
            stored = generated.publicKey();
            privateKey = generated.privateKey();
            fingerprint = generated.fingerprint();
        } else if (Keypair.X509.equals(type)) {
            fingerprint = SshKeys.x509Fingerprint(publicKey);
        } else {
            fingerprint = SshKeys.sshFingerprint(publicKey);
        }
        Keypair keypair = new Keypair(0, userId, name, fingerprint, stored, type, clock.instant());
        int limit = quotas.limit(projectId, QuotaManager.KEY_PAIRS);
        try {
            Keypair created = database.transaction(session -> {
                if (store.find(session, userId, name).isPresent()) {
                    throw exists(name);
                }
                if (limit >= 0 && store.count(session, userId) >= limit) {
                    throw ApiException.forbidden("Quota exceeded, too many key pairs.");
                }
                return store.insert(session, keypair);
            });
            return new Created(created, privateKey);
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw exists(name);
            }
            throw e;
        }
    }

    public Optional<Keypair> find(String userId, String name) {
        return database.read(session -> store.find(session, userId, name));
    }

    public Keypair get(String userId, String name) {
        return find(userId, name).orElseThrow(() -> notFound(userId, name));
    }

    /** A page of the user's keypairs by name; an unknown marker is a 400 as in Nova. */
    public List<Keypair> list(String userId, String marker, int limit) {
        return database.read(session -> {
            if (marker != null && store.find(session, userId, marker).isEmpty()) {
                throw ApiException.badRequest("Marker " + marker + " could not be found.");
            }
            return store.list(session, userId, marker, limit);
        });
    }

    public long count(String userId) {
        return database.read(session -> store.count(session, userId));
    }

    public void delete(String userId, String name) {
        if (!database.transaction(session -> store.delete(session, userId, name))) {
            throw notFound(userId, name);
        }
    }

    private static ApiException exists(String name) {
        return ApiException.conflict("Key pair '" + name + "' already exists.");
    }

    private static ApiException notFound(String userId, String name) {
        return ApiException.notFound("Keypair " + name + " not found for user " + userId);
    }
}
