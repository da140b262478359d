package io.strato.compute.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.compute.ComputeApiService;
import io.strato.compute.scheduler.AllocationRatios;
import io.strato.compute.scheduler.ClaimResult;
import io.strato.compute.scheduler.Claims;
import io.strato.compute.scheduler.ClaimsContract;
import io.strato.compute.scheduler.HostInventory;
import io.strato.compute.scheduler.HostUsage;
import io.strato.compute.scheduler.Resources;
import io.strato.platform.db.Database;
import io.strato.platform.testing.TestDatabases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The claims contract on the SQL ledger, on H2 and on PostgreSQL (skipped when PostgreSQL is unreachable,
 * except in CI). {@code claims} and {@code peer} are two {@link SqlClaims} on one database, as two
 * controllers would have; the tests here add races between them that only a shared ledger can lose.
 */
class SqlClaimsTest {
    @Nested
    class OnH2 extends SqlClaimsContract {
        OnH2() {
            super(TestDatabases.Engine.H2);
        }
    }

    @Nested
    class OnPostgres extends SqlClaimsContract {
        OnPostgres() {
            super(TestDatabases.Engine.POSTGRES);
        }
    }

    abstract static class SqlClaimsContract extends ClaimsContract {
        private final TestDatabases.Engine engine;
        private Database database;

        SqlClaimsContract(TestDatabases.Engine engine) {
            this.engine = engine;
        }

        @Override
        protected Claims newClaims() throws Exception {
            database = TestDatabases.open(engine);
            database.migrate("compute", ComputeApiService.MIGRATIONS);
            return new SqlClaims(database);
        }

        @Override
        protected Claims newPeer(Claims claims) {
            return new SqlClaims(database);
        }

        @Override
        protected int attemptsPerThread() {
            return 250; // 16 threads * 250 still fill the ten hosts many times over
        }

        @AfterEach
        void closeDatabase() {
            if (database != null) {
                database.close();
            }
        }

        private void addHost(Claims ledger, String name, int vcpus, long memoryMib, long diskGib) {
            ledger.updateInventory(new HostInventory(name, new Resources(vcpus, memoryMib, diskGib), null, null));
        }

        @Test
        void bothControllersSeeTheSameLedger() {
            addHost(claims, "a", 2, 4096, 100);
            assertTrue(peer.claim("a", "x", new Resources(1, 1024, 10)).succeeded());
            assertEquals(Optional.of("a"), claims.hostOf("x"));
            assertEquals(new HostUsage(new HostInventory("a", new Resources(2, 4096, 100), null, null),
                    new Resources(1, 1024, 10), 1), claims.usage("a").orElseThrow());
            ClaimResult.Rejected rejected = assertInstanceOf(ClaimResult.Rejected.class,
                    claims.claim("a", "y", new Resources(1, 5120, 1)));
            assertEquals("host a lacks memory: the claim needs 5120 MiB, 4096 MiB can be claimed", rejected.reason());
            assertTrue(claims.release("x"));
            assertFalse(peer.release("x"));
            assertEquals(Optional.empty(), peer.hostOf("x"));
        }

        @Test
        void inventoryIsStoredExactlyAndReplaced() {
            HostInventory first = new HostInventory("a", new Resources(8, 16384, 500), new AllocationRatios(1.1, 1.0, 2.5),
                    new Resources(1, 512, 20));
            claims.updateInventory(first);
            assertEquals(new HostUsage(first, Resources.NONE, 0), peer.usage("a").orElseThrow());
            // floor(8 * 1.1) - 1 = 7 vCPUs; one claim gets at most the 500 GiB of physical disk
            assertFalse(claims.claim("a", "x", new Resources(8, 1024, 100)).succeeded());
            assertFalse(claims.claim("a", "x", new Resources(7, 1024, 501)).succeeded());
            assertTrue(claims.claim("a", "x", new Resources(7, 1024, 500)).succeeded());
            HostInventory smaller = new HostInventory("a", new Resources(4, 8192, 100), null, null);
            peer.updateInventory(smaller);
            // existing claims stay, even when the host now has less room
            HostUsage usage = claims.usage("a").orElseThrow();
            assertEquals(new HostUsage(smaller, new Resources(7, 1024, 500), 1), usage);
            assertFalse(claims.claim("a", "y", new Resources(1, 1, 1)).succeeded());
        }

        @Test
        void theGenerationCountsEveryChangeToAProvider() {
            addHost(claims, "a", 2, 4096, 100);
            assertEquals(1, generation("a"));
            assertTrue(claims.claim("a", "x", new Resources(1, 1024, 10)).succeeded());
            assertFalse(claims.claim("a", "y", new Resources(4, 1, 1)).succeeded()); // a rejection changes nothing
            assertTrue(peer.release("x"));
            addHost(peer, "a", 4, 4096, 100);
            assertEquals(4, generation("a"));
        }

        private long generation(String host) {
            return database.read(session -> session.one("SELECT generation FROM compute_resource_provider WHERE host = ?",
                    row -> row.getLong(1), host)).orElseThrow();
        }

        /** Two controllers claim unit resources from several threads each; the hosts fill exactly, never beyond. */
        @Test
        void twoControllersNeverOvercommitAHostBetweenThem() throws Exception {
            int hosts = 3;
            for (int h = 0; h < hosts; h++) {
                // 2 vCPUs * 16 = 32 claimable vCPUs; 40 * 1.5 = 60 MiB; 20 GiB of disk
                addHost(h % 2 == 0 ? claims : peer, "host-" + h, 2, 40, 20);
            }
            int threads = 8;
            int attempts = 40;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Map<String, Resources>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    Claims ledger = thread % 2 == 0 ? claims : peer;
                    Claims other = thread % 2 == 0 ? peer : claims;
                    results.add(executor.submit(() -> {
                        start.await();
                        Map<String, Resources> held = new HashMap<>();
                        for (int i = 0; i < attempts; i++) {
                            String instanceId = "t" + thread + "-" + i;
                            Resources size = new Resources(1 + i % 2, 1 + i % 3, 1);
                            if (ledger.claim("host-" + (i + thread) % hosts, instanceId, size).succeeded()) {
                                held.put(instanceId, size);
                                if (i % 5 == 0) { // the other controller releases it
                                    assertTrue(other.release(instanceId));
                                    held.remove(instanceId);
                                }
                            }
                        }
                        return held;
                    }));
                }
                start.countDown();
                Map<String, Resources> heldByAll = new HashMap<>();
                for (Future<Map<String, Resources>> result : results) {
                    heldByAll.putAll(result.get());
                }
                // 8 * 40 = 320 attempts of 1.5 vCPUs on average against 3 * 32 vCPUs: most are rejected
                assertTrue(heldByAll.size() < threads * attempts, "some claims must have been rejected");
                Map<String, Resources> heldByHost = new HashMap<>();
                for (Map.Entry<String, Resources> held : heldByAll.entrySet()) {
                    String host = claims.hostOf(held.getKey()).orElseThrow();
                    assertEquals(Optional.of(host), peer.hostOf(held.getKey()));
                    heldByHost.merge(host, held.getValue(), Resources::plus);
                }
                for (int h = 0; h < hosts; h++) {
                    String host = "host-" + h;
                    HostUsage usage = claims.usage(host).orElseThrow();
                    assertEquals(usage, peer.usage(host).orElseThrow());
                    assertEquals(heldByHost.getOrDefault(host, Resources.NONE), usage.claimed());
                    Resources capacity = usage.inventory().capacity();
                    assertTrue(usage.claimed().vcpus() <= capacity.vcpus(), usage.toString());
                    assertTrue(usage.claimed().memoryMib() <= capacity.memoryMib(), usage.toString());
                    assertTrue(usage.claimed().diskGib() <= capacity.diskGib(), usage.toString());
                    // what is left is still claimable (up to the physical total in one claim), and not one MiB more
                    Resources free = usage.free();
                    Resources total = usage.inventory().total();
                    Resources rest = new Resources(Math.min(free.vcpus(), total.vcpus()),
                            Math.min(free.memoryMib(), total.memoryMib()), Math.min(free.diskGib(), total.diskGib()));
                    assertFalse(peer.claim(host, "probe-" + h, rest.plus(new Resources(0, 1, 0))).succeeded());
                    assertTrue(peer.claim(host, "probe-" + h, rest).succeeded(), usage.toString());
                    assertEquals(new HostUsage(usage.inventory(), usage.claimed().plus(rest), usage.claims() + 1),
                            claims.usage(host).orElseThrow());
                }
            } finally {
                executor.shutdownNow();
            }
        }

        /** Both controllers race to claim the same instances on different hosts: each lands on one host only. */
        @Test
        void racingClaimsForOneInstanceLandOnOneHost() throws Exception {
            int hosts = 4;
            for (int h = 0; h < hosts; h++) {
                addHost(claims, "host-" + h, 64, 1_000_000, 1_000_000);
            }
            int threads = 8;
            int instances = 60;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Map<String, String>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    Claims ledger = thread % 2 == 0 ? claims : peer;
                    results.add(executor.submit(() -> {
                        start.await();
                        Map<String, String> won = new HashMap<>();
                        for (int i = 0; i < instances; i++) {
                            String host = "host-" + (thread + i) % hosts;
                            ClaimResult result = ledger.claim(host, "shared-" + i, new Resources(1, 1, 1));
                            if (result.succeeded()) {
                                won.put("shared-" + i, host);
                            } else {
                                String reason = ((ClaimResult.Rejected) result).reason();
                                assertTrue(reason.startsWith("instance shared-" + i + " already holds a claim on host "),
                                        reason);
                            }
                        }
                        return won;
                    }));
                }
                start.countDown();
                Map<String, String> winners = new HashMap<>();
                for (Future<Map<String, String>> result : results) {
                    for (Map.Entry<String, String> won : result.get().entrySet()) {
                        String earlier = winners.putIfAbsent(won.getKey(), won.getValue());
                        // threads that claimed one instance on the same host both succeed (a replacement)
                        assertTrue(earlier == null || earlier.equals(won.getValue()), won + " but also " + earlier);
                    }
                }
                assertEquals(instances, winners.size());
                int claimCount = 0;
                for (Map.Entry<String, String> winner : winners.entrySet()) {
                    assertEquals(Optional.of(winner.getValue()), peer.hostOf(winner.getKey()));
                }
                for (int h = 0; h < hosts; h++) {
                    HostUsage usage = claims.usage("host-" + h).orElseThrow();
                    assertEquals(usage.claims(), usage.claimed().vcpus()); // one unit per instance, none twice
                    claimCount += usage.claims();
                }
                assertEquals(instances, claimCount);
            } finally {
                executor.shutdownNow();
            }
        }
    }
}
