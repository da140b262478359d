package io.strato.compute.store;

import io.strato.compute.scheduler.AllocationRatios;
import io.strato.compute.scheduler.ClaimResult;
import io.strato.compute.scheduler.Claims;
import io.strato.compute.scheduler.HostInventory;
import io.strato.compute.scheduler.HostUsage;
import io.strato.compute.scheduler.ResourceClass;
import io.strato.compute.scheduler.Resources;
import io.strato.platform.db.Database;
import io.strato.platform.db.DatabaseException;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The claim ledger in the shared SQL database (placement's resource providers and allocations), so that
 * scheduler and conductor processes on several controllers never overcommit a host between them. The
 * tables come from {@code db/compute/V2__placement.sql} ({@code ComputeApiService.MIGRATIONS}).
 *
 * <p>Every change to a host happens in one transaction that first locks the host's
 * {@code compute_resource_provider} row with {@code SELECT ... FOR UPDATE}: a claim then sums the other
 * instances' allocations on the host, checks {@code total * ratio - used - allocated} and the physical total
 * per resource class, replaces the instance's allocations and bumps the provider's generation. Claims on the
 * same host therefore run one after another in every process, and under READ COMMITTED each statement after
 * the lock sees what the previous lock holder committed. Each transaction locks one provider row only, so
 * claims cannot deadlock one another. The primary key {@code (instance_id, resource_class)} keeps an
 * instance's allocations on one host even when two processes claim it on different hosts at once: the
 * loser's insert fails as a unique violation, and the claim is retried (a bounded number of times) to
 * report the other host.
 */
public final class SqlClaims implements Claims {
    /** Attempts for a claim or release that lost a race for an instance against another process. */
    private static final int MAX_ATTEMPTS = 5;
    private static final String PROVIDER_COLUMNS = "host, vcpu_total, vcpu_used, vcpu_allocation_ratio, "
            + "memory_mb_total, memory_mb_used, memory_mb_allocation_ratio, "
            + "disk_gb_total, disk_gb_used, disk_gb_allocation_ratio";

    private final Database database;
    private final Clock clock;

    /** A ledger on {@code database}, whose compute migrations must have run. */
    public SqlClaims(Database database) {
        this(database, Clock.systemUTC());
    }

    public SqlClaims(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void updateInventory(HostInventory inventory) {
        Objects.requireNonNull(inventory, "inventory");
        Resources total = inventory.total();
        Resources used = inventory.used();
        AllocationRatios ratios = inventory.allocationRatios();
        retryingUniqueViolations(() -> database.transaction(session -> {
            int updated = session.update("UPDATE compute_resource_provider SET vcpu_total = ?, vcpu_used = ?, "
                    + "vcpu_allocation_ratio = ?, memory_mb_total = ?, memory_mb_used = ?, "
                    + "memory_mb_allocation_ratio = ?, disk_gb_total = ?, disk_gb_used = ?, "
                    + "disk_gb_allocation_ratio = ?, generation = generation + 1, updated_at = ? WHERE host = ?",
                    total.vcpus(), used.vcpus(), ratios.cpu(), total.memoryMib(), used.memoryMib(), ratios.ram(),
                    total.diskGib(), used.diskGib(), ratios.disk(), clock.instant(), inventory.hostName());
            if (updated == 0) {
                session.update("INSERT INTO compute_resource_provider (" + PROVIDER_COLUMNS
                        + ", generation, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                        inventory.hostName(), total.vcpus(), used.vcpus(), ratios.cpu(), total.memoryMib(),
                        used.memoryMib(), ratios.ram(), total.diskGib(), used.diskGib(), ratios.disk(),
                        clock.instant());
            }
            return Boolean.TRUE;
        }));
    }

    @Override
    public void removeHost(String hostName) {
        database.transaction(session -> {
            if (lockProvider(session, hostName).isPresent()) {
                session.update("DELETE FROM compute_allocation WHERE host = ?", hostName);
                session.update("DELETE FROM compute_resource_provider WHERE host = ?", hostName);
            }
            return null;
        });
    }

    @Override
    public ClaimResult claim(String hostName, String instanceId, Resources resources) {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(resources, "resources");
        return retryingUniqueViolations(
                () -> database.transaction(session -> claim(session, hostName, instanceId, resources)));
    }

    private ClaimResult claim(Session session, String hostName, String instanceId, Resources resources)
            throws SQLException {
        Optional<HostInventory> locked = lockProvider(session, hostName);
        if (locked.isEmpty()) {
            return new ClaimResult.Rejected(hostName, instanceId, "host " + hostName + " is not a known compute host");
        }
        HostInventory inventory = locked.get();
        Optional<String> currentHost = hostOf(session, instanceId);
        if (currentHost.isPresent() && !currentHost.get().equals(hostName)) {
            return new ClaimResult.Rejected(hostName, instanceId, "instance " + instanceId
                    + " already holds a claim on host " + currentHost.get() + "; release it first");
        }
        Map<ResourceClass, Long> others = new EnumMap<>(ResourceClass.class);
        session.query("SELECT resource_class, SUM(amount) FROM compute_allocation WHERE host = ? AND instance_id <> ? "
                + "GROUP BY resource_class", row -> others.put(ResourceClass.valueOf(row.getString(1)), row.getLong(2)),
                hostName, instanceId);
        Resources claimedByOthers = new Resources(others.getOrDefault(ResourceClass.VCPU, 0L),
                others.getOrDefault(ResourceClass.MEMORY_MB, 0L), others.getOrDefault(ResourceClass.DISK_GB, 0L));
        Resources free = inventory.capacity().minus(inventory.used()).minus(claimedByOthers);
        for (ResourceClass resourceClass : ResourceClass.values()) {
            long wanted = resources.amount(resourceClass);
            long available = Math.min(free.amount(resourceClass), inventory.total().amount(resourceClass));
            if (wanted > available) {
                return new ClaimResult.Rejected(hostName, instanceId, "host " + hostName + " lacks "
                        + resourceClass.description() + ": the claim needs " + wanted + " " + resourceClass.unit()
                        + ", " + available + " " + resourceClass.unit() + " can be claimed");
            }
        }
        // only this host's rows: ones on another host that committed since the check above belong to a claim
        // this one must not steal, and make the inserts below fail as a unique violation (then retried)
        session.update("DELETE FROM compute_allocation WHERE instance_id = ? AND host = ?", instanceId, hostName);
        for (ResourceClass resourceClass : ResourceClass.values()) {
            session.update("INSERT INTO compute_allocation (instance_id, resource_class, host, amount, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", instanceId, resourceClass.name(), hostName,
                    resources.amount(resourceClass), clock.instant());
        }
        bumpGeneration(session, hostName);
        return new ClaimResult.Claimed(hostName, instanceId, resources);
    }

    @Override
    public boolean release(String instanceId) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Boolean released = database.transaction(session -> {
                Optional<String> hostName = hostOf(session, instanceId);
                if (hostName.isEmpty()) {
                    return Boolean.FALSE;
                }
                // lock the host as a claim does, then delete what the instance holds there now
                lockProvider(session, hostName.get());
                int deleted = session.update("DELETE FROM compute_allocation WHERE instance_id = ? AND host = ?",
                        instanceId, hostName.get());
                if (deleted == 0) {
                    return null; // released or moved by another process meanwhile: look again
                }
                bumpGeneration(session, hostName.get());
                return Boolean.TRUE;
            });
            if (released != null) {
                return released;
            }
        }
        throw new IllegalStateException("the claim of instance " + instanceId + " kept changing hosts while "
                + "being released; gave up after " + MAX_ATTEMPTS + " attempts");
    }

    @Override
    public Optional<HostUsage> usage(String hostName) {
        // one statement, so the inventory and the allocations come from one snapshot
        return database.read(session -> session.one("SELECT " + PROVIDER_COLUMNS + ", "
                + allocated("VCPU") + ", " + allocated("MEMORY_MB") + ", " + allocated("DISK_GB") + ", "
                + "(SELECT COUNT(DISTINCT a.instance_id) FROM compute_allocation a WHERE a.host = p.host) "
                + "FROM compute_resource_provider p WHERE p.host = ?", row -> new HostUsage(inventory(row),
                        new Resources(row.getLong(11), row.getLong(12), row.getLong(13)), row.getInt(14)),
                hostName));
    }

    @Override
    public Optional<String> hostOf(String instanceId) {
        return database.read(session -> hostOf(session, instanceId));
    }

    private static String allocated(String resourceClass) {
        return "(SELECT COALESCE(SUM(a.amount), 0) FROM compute_allocation a WHERE a.host = p.host "
                + "AND a.resource_class = '" + resourceClass + "')";
    }

    private static Optional<String> hostOf(Session session, String instanceId) throws SQLException {
        return session.one("SELECT host FROM compute_allocation WHERE instance_id = ? LIMIT 1",
                row -> row.getString(1), instanceId);
    }

    /** Locks the host's provider row until the transaction ends; empty for an unknown host. */
    private static Optional<HostInventory> lockProvider(Session session, String hostName) throws SQLException {
        return session.one("SELECT " + PROVIDER_COLUMNS + " FROM compute_resource_provider WHERE host = ? FOR UPDATE",
                SqlClaims::inventory, hostName);
    }

    private void bumpGeneration(Session session, String hostName) throws SQLException {
        session.update("UPDATE compute_resource_provider SET generation = generation + 1, updated_at = ? WHERE host = ?",
                clock.instant(), hostName);
    }

    private static HostInventory inventory(ResultSet row) throws SQLException {
        return new HostInventory(row.getString(1), new Resources(row.getLong(2), row.getLong(5), row.getLong(8)),
                new AllocationRatios(row.getDouble(4), row.getDouble(7), row.getDouble(10)),
                new Resources(row.getLong(3), row.getLong(6), row.getLong(9)));
    }

    /** Runs {@code work} again when it lost a race to insert the same key as another process. */
    private static <T> T retryingUniqueViolations(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (DatabaseException e) {
                if (attempt >= MAX_ATTEMPTS || !e.isUniqueViolation()) {
                    throw e;
                }
            }
        }
    }
}
