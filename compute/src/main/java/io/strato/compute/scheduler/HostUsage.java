package io.strato.compute.scheduler;

/**
 * A host's standing in the claim ledger.
 *
 * @param inventory what the host offers
 * @param claimed the sum of the claims held on the host
 * @param claims how many instances hold a claim on the host
 */
public record HostUsage(HostInventory inventory, Resources claimed, int claims) {
    /** {@code total * ratio - used - claimed} per resource class (never negative). */
    public Resources free() {
        return inventory.capacity().minus(inventory.used()).minus(claimed);
    }
}
