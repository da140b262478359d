package io.strato.compute.scheduler;

import java.util.Optional;

/**
 * The claim ledger (placement's allocations): a build claims the chosen host's resources before it
 * starts, so concurrent builds never overcommit a host beyond its allocation ratios. A claim succeeds
 * only if, per resource class, {@code total * ratio - used - claimed} covers it and it is no larger than
 * the physical total. Implementations are thread-safe and each call is atomic. {@link InMemoryClaims} is
 * the in-process one; a SQL-backed one does the same check-and-insert in one transaction.
 */
public interface Claims {
    /** Sets or replaces what a host offers. Existing claims stay, even if the host now has less room. */
    void updateInventory(HostInventory inventory);

    /** Forgets a host and its claims. */
    void removeHost(String hostName);

    /**
     * Claims resources on a host for an instance. Claiming again for an instance that already holds a claim
     * on the same host replaces that claim (as for a resize in place); an instance holds claims on one host
     * only, so a claim on another host is rejected until the first is released.
     */
    ClaimResult claim(String hostName, String instanceId, Resources resources);

    /** Releases the instance's claim; {@code false} if it held none. */
    boolean release(String instanceId);

    /** A host's inventory, claims and free resources, or empty for an unknown host. */
    Optional<HostUsage> usage(String hostName);

    /** The host an instance holds a claim on, if any. */
    Optional<String> hostOf(String instanceId);
}
