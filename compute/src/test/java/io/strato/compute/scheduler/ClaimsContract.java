package io.strato.compute.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Claims} ledger does, whatever keeps it. A subclass supplies the ledger; the concurrency
 * tests split their threads between {@link #claims} and {@link #peer}, which for a shared ledger (a database)
 * is a second instance on the same storage, as another controller would have.
 */
public abstract class ClaimsContract {
    protected Claims claims;
    protected Claims peer;

    /** A new, empty ledger. */
    protected abstract Claims newClaims() throws Exception;

    /** Another handle on the same ledger as {@code claims}; by default the same object. */
    protected Claims newPeer(Claims claims) throws Exception {
        return claims;
    }

    /** How many claims each thread of {@link #concurrentClaimsNeverExceedCapacity} attempts. */
    protected int attemptsPerThread() {
        return 2000;
    }

    @BeforeEach
    void createLedger() throws Exception {
        claims = newClaims();
        peer = newPeer(claims);
    }

    /** The ledger a test thread uses: threads alternate between the two handles. */
    protected Claims ledgerOf(int thread) {
        return thread % 2 == 0 ? claims : peer;
    }

    private void addHost(String name, int vcpus, long memoryMib, long diskGib) {
        claims.updateInventory(new HostInventory(name, new Resources(vcpus, memoryMib, diskGib), null, null));
    }

    @Test
    void claimsUpToTheAllocationRatiosAndNoFurther() {
        addHost("a", 4, 1_000_000, 10_000);
        for (int i = 0; i < 64; i++) {
            assertTrue(claims.claim("a", "i" + i, new Resources(1, 64, 1)).succeeded(), "claim " + i);
        }
        ClaimResult.Rejected rejected = assertInstanceOf(ClaimResult.Rejected.class,
                claims.claim("a", "i64", new Resources(1, 64, 1)));
        assertEquals("host a lacks vCPUs: the claim needs 1 vCPUs, 0 vCPUs can be claimed", rejected.reason());
        HostUsage usage = claims.usage("a").orElseThrow();
        assertEquals(new Resources(64, 64 * 64, 64), usage.claimed());
        assertEquals(64, usage.claims());
        assertEquals(new Resources(0, 1_500_000 - 64 * 64, 10_000 - 64), usage.free());
    }

    @Test
    void unclaimedUsageCountsAgainstTheHost() {
        claims.updateInventory(new HostInventory("a", new Resources(4, 4096, 100), AllocationRatios.NOVA_DEFAULTS,
                new Resources(0, 5120, 0)));
        assertTrue(claims.claim("a", "x", new Resources(1, 1024, 1)).succeeded());
        assertFalse(claims.claim("a", "y", new Resources(1, 1, 1)).succeeded());
    }

    @Test
    void oneClaimIsNeverLargerThanThePhysicalTotal() {
        addHost("a", 4, 8192, 100);
        assertFalse(claims.claim("a", "x", new Resources(8, 1024, 1)).succeeded());
        assertTrue(claims.claim("a", "x", new Resources(4, 1024, 1)).succeeded());
    }

    @Test
    void releaseGivesTheResourcesBack() {
        addHost("a", 1, 1024, 10);
        assertTrue(claims.claim("a", "x", new Resources(1, 1024, 10)).succeeded());
        assertFalse(claims.claim("a", "y", new Resources(1, 1, 1)).succeeded());
        assertTrue(claims.release("x"));
        assertFalse(claims.release("x"));
        assertEquals(Optional.empty(), claims.hostOf("x"));
        assertTrue(claims.claim("a", "y", new Resources(1, 1, 1)).succeeded());
        assertEquals(new Resources(1, 1, 1), claims.usage("a").orElseThrow().claimed());
    }

    @Test
    void claimingAgainOnTheSameHostReplacesTheClaim() {
        addHost("a", 1, 1024, 10);
        assertTrue(claims.claim("a", "x", new Resources(1, 1024, 10)).succeeded());
        // the old claim does not count against its replacement
        assertTrue(claims.claim("a", "x", new Resources(1, 1024, 5)).succeeded());
        assertEquals(new Resources(1, 1024, 5), claims.usage("a").orElseThrow().claimed());
        assertEquals(1, claims.usage("a").orElseThrow().claims());
    }

    @Test
    void anInstanceHoldsClaimsOnOneHostOnly() {
        addHost("a", 4, 4096, 100);
        addHost("b", 4, 4096, 100);
        assertTrue(claims.claim("a", "x", new Resources(1, 512, 1)).succeeded());
        ClaimResult.Rejected rejected = assertInstanceOf(ClaimResult.Rejected.class,
                claims.claim("b", "x", new Resources(1, 512, 1)));
        assertEquals("instance x already holds a claim on host a; release it first", rejected.reason());
        assertEquals(Optional.of("a"), claims.hostOf("x"));
    }

    @Test
    void unknownHostsAreRejected() {
        assertFalse(claims.claim("nowhere", "x", new Resources(1, 1, 1)).succeeded());
        assertEquals(Optional.empty(), claims.usage("nowhere"));
        addHost("a", 4, 4096, 100);
        claims.claim("a", "x", new Resources(1, 1, 1));
        claims.removeHost("a");
        assertEquals(Optional.empty(), claims.hostOf("x"));
        assertFalse(claims.release("x"));
    }

    @Test
    void concurrentClaimsNeverExceedCapacity() throws Exception {
        int hosts = 10;
        for (int h = 0; h < hosts; h++) {
            addHost("host-" + h, 4, 4096, 1000); // 64 vCPUs, 6144 MiB, 1000 GiB each
        }
        int threads = 16;
        int attemptsPerThread = attemptsPerThread();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<String, Resources>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Claims ledger = ledgerOf(thread);
                results.add(executor.submit(() -> {
                    start.await();
                    Map<String, Resources> held = new HashMap<>();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        String instanceId = "t" + thread + "-" + i;
                        String host = "host-" + (i * 7 + thread) % hosts;
                        Resources size = new Resources(1 + i % 3, 64L * (1 + i % 5), 1);
                        if (ledger.claim(host, instanceId, size).succeeded()) {
                            held.put(instanceId, size);
                            if (i % 4 == 0) {
                                assertTrue(ledger.release(instanceId));
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
            Resources claimedTotal = Resources.NONE;
            int claimCount = 0;
            for (int h = 0; h < hosts; h++) {
                HostUsage usage = claims.usage("host-" + h).orElseThrow();
                Resources capacity = usage.inventory().capacity();
                assertTrue(usage.claimed().vcpus() <= capacity.vcpus(), usage.toString());
                assertTrue(usage.claimed().memoryMib() <= capacity.memoryMib(), usage.toString());
                assertTrue(usage.claimed().diskGib() <= capacity.diskGib(), usage.toString());
                claimedTotal = claimedTotal.plus(usage.claimed());
                claimCount += usage.claims();
            }
            Resources heldTotal = heldByAll.values().stream().reduce(Resources.NONE, Resources::plus);
            assertEquals(heldTotal, claimedTotal);
            assertEquals(heldByAll.size(), claimCount);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void concurrentUnitClaimsFillEveryHostExactly() throws Exception {
        int hosts = 5;
        for (int h = 0; h < hosts; h++) {
            addHost("host-" + h, 2, 1_000_000, 1_000_000); // 32 vCPUs each
        }
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> successes = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Claims ledger = ledgerOf(thread);
                successes.add(executor.submit(() -> {
                    start.await();
                    int claimed = 0;
                    for (int i = 0; i < 100; i++) {
                        if (ledger.claim("host-" + i % hosts, "t" + thread + "-" + i, new Resources(1, 1, 1))
                                .succeeded()) {
                            claimed++;
                        }
                    }
                    return claimed;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> success : successes) {
                total += success.get();
            }
            assertEquals(hosts * 32, total);
            for (int h = 0; h < hosts; h++) {
                assertEquals(32, claims.usage("host-" + h).orElseThrow().claimed().vcpus());
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
