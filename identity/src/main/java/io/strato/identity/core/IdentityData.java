package io.strato.identity.core;

import io.strato.identity.store.CatalogStore;
import io.strato.identity.store.CredentialStore;
import io.strato.identity.store.PolicyBlobStore;
import io.strato.identity.store.ResourceStore;
import io.strato.identity.store.RoleStore;
import io.strato.identity.store.UserStore;
import io.strato.platform.db.Database;
import io.strato.platform.db.DatabaseException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the identity managers share: the database and its stores, the clock, the revocation
 * list and a generation number that every write bumps, so caches of derived data (token
 * contexts, the catalog) know at once when they are stale.
 */
public final class IdentityData {
    public final Database database;
    public final Clock clock;
    public final ResourceStore resources = new ResourceStore();
    public final UserStore users = new UserStore();
    public final RoleStore roles = new RoleStore();
    public final CatalogStore catalog = new CatalogStore();
    public final CredentialStore credentials = new CredentialStore();
    public final PolicyBlobStore policyBlobs = new PolicyBlobStore();
    public final Revocations revocations;
    private final AtomicLong generation = new AtomicLong();

    public IdentityData(Database database, Clock clock, Revocations revocations) {
        this.database = database;
        this.clock = clock;
        this.revocations = revocations;
    }

    /** Runs a write transaction and marks derived data stale. */
    public <T> T write(Database.Work<T> work) {
        try {
            return database.transaction(work);
        } finally {
            generation.incrementAndGet();
        }
    }

    public <T> T read(Database.Work<T> work) {
        return database.read(work);
    }

    public long generation() {
        return generation.get();
    }

    /** Runs a write and turns a unique-constraint race into Keystone's 409. */
    public <T> T writeUnique(String kind, String detail, Database.Work<T> work) {
        try {
            return write(work);
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                throw IdentityErrors.duplicate(kind, detail);
            }
            throw e;
        }
    }
}
