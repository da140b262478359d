package io.strato.compute.scheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The claim ledger in memory, for the all-in-one cloud and tests. One lock guards all state, so every
 * check-and-claim is atomic; claims are cheap, so contention stays low.
 */
public final class InMemoryClaims implements Claims {
    private final Object lock = new Object();
    private final Map<String, HostInventory> inventories = new HashMap<>();
    /** host name to (instance id to claimed resources) */
    private final Map<String, Map<String, Resources>> claimsByHost = new HashMap<>();
    private final Map<String, String> hostByInstance = new HashMap<>();

    @Override
    public void updateInventory(HostInventory inventory) {
        Objects.requireNonNull(inventory, "inventory");
        synchronized (lock) {
            inventories.put(inventory.hostName(), inventory);
            claimsByHost.computeIfAbsent(inventory.hostName(), host -> new HashMap<>());
        }
    }

    @Override
    public void removeHost(String hostName) {
        synchronized (lock) {
            inventories.remove(hostName);
            Map<String, Resources> claims = claimsByHost.remove(hostName);
            if (claims != null) {
                claims.keySet().forEach(hostByInstance::remove);
            }
        }
    }

    @Override
    public ClaimResult claim(String hostName, String instanceId, Resources resources) {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(resources, "resources");
        synchronized (lock) {
            HostInventory inventory = inventories.get(hostName);
            if (inventory == null) {
                return new ClaimResult.Rejected(hostName, instanceId, "host " + hostName + " is not a known compute host");
            }
            String currentHost = hostByInstance.get(instanceId);
            if (currentHost != null && !currentHost.equals(hostName)) {
                return new ClaimResult.Rejected(hostName, instanceId, "instance " + instanceId
                        + " already holds a claim on host " + currentHost + "; release it first");
            }
            Map<String, Resources> claims = claimsByHost.get(hostName);
            Resources claimedByOthers = Resources.NONE;
            for (Map.Entry<String, Resources> claim : claims.entrySet()) {
                if (!claim.getKey().equals(instanceId)) {
                    claimedByOthers = claimedByOthers.plus(claim.getValue());
                }
            }
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
            claims.put(instanceId, resources);
            hostByInstance.put(instanceId, hostName);
            return new ClaimResult.Claimed(hostName, instanceId, resources);
        }
    }

    @Override
    public boolean release(String instanceId) {
        synchronized (lock) {
            String hostName = hostByInstance.remove(instanceId);
            if (hostName == null) {
                return false;
            }
            Map<String, Resources> claims = claimsByHost.get(hostName);
            if (claims != null) {
                claims.remove(instanceId);
            }
            return true;
        }
    }

    @Override
    public Optional<HostUsage> usage(String hostName) {
        synchronized (lock) {
            HostInventory inventory = inventories.get(hostName);
            if (inventory == null) {
                return Optional.empty();
            }
            Map<String, Resources> claims = claimsByHost.get(hostName);
            Resources claimed = claims.values().stream().reduce(Resources.NONE, Resources::plus);
            return Optional.of(new HostUsage(inventory, claimed, claims.size()));
        }
    }

    @Override
    public Optional<String> hostOf(String instanceId) {
        synchronized (lock) {
            return Optional.ofNullable(hostByInstance.get(instanceId));
        }
    }
}
