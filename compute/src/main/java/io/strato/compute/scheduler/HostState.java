package io.strato.compute.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A compute host as the scheduler sees it: one immutable snapshot. The scheduler works on copies
 * ({@link #withInstanceAdded}) so that later instances of one request see what earlier ones took.
 *
 * @param hostName the compute service's host name
 * @param availabilityZone the host's availability zone ({@code nova} unless an aggregate says otherwise)
 * @param service the compute service's status
 * @param total physical resources of the host
 * @param used resources allocated to instances on the host
 * @param allocationRatios overcommit ratios of the host
 * @param instanceIds ids of the instances on the host
 * @param instanceServerGroups for instances on the host that belong to a server group: instance id to group id
 * @param capabilities what the hypervisor supports
 * @param runningInstances how many instances the host runs
 * @param aggregateMetadata the metadata of every aggregate the host is in: key to the set of values
 */
public record HostState(String hostName, String availabilityZone, ServiceStatus service, Resources total,
                        Resources used, AllocationRatios allocationRatios, Set<String> instanceIds,
                        Map<String, String> instanceServerGroups, HypervisorCapabilities capabilities,
                        int runningInstances, Map<String, Set<String>> aggregateMetadata) {
    /** Nova's default availability zone. */
    public static final String DEFAULT_AVAILABILITY_ZONE = "nova";

    public HostState {
        Objects.requireNonNull(hostName, "hostName");
        if (hostName.isBlank()) {
            throw new IllegalArgumentException("hostName must not be blank");
        }
        availabilityZone = availabilityZone == null ? DEFAULT_AVAILABILITY_ZONE : availabilityZone;
        service = service == null ? ServiceStatus.enabledAndUp() : service;
        Objects.requireNonNull(total, "total");
        used = used == null ? Resources.NONE : used;
        allocationRatios = allocationRatios == null ? AllocationRatios.NOVA_DEFAULTS : allocationRatios;
        instanceIds = instanceIds == null ? Set.of() : Set.copyOf(instanceIds);
        instanceServerGroups = instanceServerGroups == null ? Map.of() : Map.copyOf(instanceServerGroups);
        capabilities = capabilities == null ? HypervisorCapabilities.qemu("x86_64") : capabilities;
        if (runningInstances < 0) {
            throw new IllegalArgumentException("runningInstances must not be negative, got " + runningInstances);
        }
        Map<String, Set<String>> metadata = new HashMap<>();
        if (aggregateMetadata != null) {
            aggregateMetadata.forEach((key, values) -> metadata.put(key, Set.copyOf(values)));
        }
        aggregateMetadata = Map.copyOf(metadata);
    }

    /** An empty, enabled x86_64 QEMU host in zone {@code nova} with Nova's default allocation ratios. */
    public static HostState of(String hostName, int vcpus, long memoryMib, long diskGib) {
        return new HostState(hostName, null, null, new Resources(vcpus, memoryMib, diskGib), null, null, null,
                null, null, 0, null);
    }

    /** What the host offers in all: {@code floor(total * ratio)} per resource class. */
    public Resources capacity() {
        return allocationRatios.capacity(total);
    }

    /** What is left to allocate: capacity minus used. */
    public Resources free() {
        return capacity().minus(used);
    }

    /**
     * The most of one resource class a single new instance may take here. As in placement, that is the
     * free amount but never more than the physical total (an inventory's {@code max_unit}).
     */
    public long allocatable(ResourceClass resourceClass) {
        long physical = total.amount(resourceClass);
        long free = allocationRatios.capacity(resourceClass, physical) - used.amount(resourceClass);
        return Math.max(0, Math.min(free, physical));
    }

    /** Whether an instance needing {@code resources} fits. */
    public boolean fits(Resources resources) {
        for (ResourceClass resourceClass : ResourceClass.values()) {
            if (resources.amount(resourceClass) > allocatable(resourceClass)) {
                return false;
            }
        }
        return true;
    }

    /** How many instances on this host belong to the given server group (by group id or member list). */
    public int serverGroupMembersOnHost(ServerGroup group) {
        int count = 0;
        for (String instanceId : instanceIds) {
            if (group.id().equals(instanceServerGroups.get(instanceId)) || group.memberIds().contains(instanceId)) {
                count++;
            }
        }
        return count;
    }

    /** This host after an instance was placed on it (the scheduler's working copy). */
    public HostState withInstanceAdded(String instanceId, String serverGroupId, Resources resources) {
        Set<String> ids = new HashSet<>(instanceIds);
        ids.add(instanceId);
        Map<String, String> groups = instanceServerGroups;
        if (serverGroupId != null) {
            groups = new HashMap<>(instanceServerGroups);
            groups.put(instanceId, serverGroupId);
        }
        return new HostState(hostName, availabilityZone, service, total, used.plus(resources), allocationRatios,
                ids, groups, capabilities, runningInstances + 1, aggregateMetadata);
    }

    public HostState withService(ServiceStatus newService) {
        return new HostState(hostName, availabilityZone, newService, total, used, allocationRatios, instanceIds,
                instanceServerGroups, capabilities, runningInstances, aggregateMetadata);
    }

    public HostState withAvailabilityZone(String zone) {
        return new HostState(hostName, zone, service, total, used, allocationRatios, instanceIds,
                instanceServerGroups, capabilities, runningInstances, aggregateMetadata);
    }

    public HostState withUsed(Resources newUsed) {
        return new HostState(hostName, availabilityZone, service, total, newUsed, allocationRatios, instanceIds,
                instanceServerGroups, capabilities, runningInstances, aggregateMetadata);
    }

    public HostState withAllocationRatios(AllocationRatios ratios) {
        return new HostState(hostName, availabilityZone, service, total, used, ratios, instanceIds,
                instanceServerGroups, capabilities, runningInstances, aggregateMetadata);
    }

    public HostState withCapabilities(HypervisorCapabilities newCapabilities) {
        return new HostState(hostName, availabilityZone, service, total, used, allocationRatios, instanceIds,
                instanceServerGroups, newCapabilities, runningInstances, aggregateMetadata);
    }

    public HostState withAggregateMetadata(Map<String, Set<String>> metadata) {
        return new HostState(hostName, availabilityZone, service, total, used, allocationRatios, instanceIds,
                instanceServerGroups, capabilities, runningInstances, metadata);
    }
}
