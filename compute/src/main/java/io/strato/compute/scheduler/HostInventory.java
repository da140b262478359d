package io.strato.compute.scheduler;

import java.util.Objects;

/**
 * What a host offers the claim ledger (placement's inventory of a resource provider).
 *
 * @param hostName the host
 * @param total physical resources
 * @param allocationRatios overcommit ratios
 * @param used usage the ledger does not hold claims for (e.g. instances from before claims, or the host's
 *             own reservation); {@link Resources#NONE} when every instance on the host holds a claim
 */
public record HostInventory(String hostName, Resources total, AllocationRatios allocationRatios, Resources used) {
    public HostInventory {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(total, "total");
        allocationRatios = allocationRatios == null ? AllocationRatios.NOVA_DEFAULTS : allocationRatios;
        used = used == null ? Resources.NONE : used;
    }

    /** The inventory of a host state, counting all its usage as unclaimed. */
    public static HostInventory of(HostState host) {
        return new HostInventory(host.hostName(), host.total(), host.allocationRatios(), host.used());
    }

    /** {@code floor(total * ratio)} per resource class. */
    public Resources capacity() {
        return allocationRatios.capacity(total);
    }
}
