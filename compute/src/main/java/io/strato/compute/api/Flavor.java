package io.strato.compute.api;

import java.time.Instant;
import java.util.Map;

/**
 * A flavor: the size of a server (vCPUs, RAM in MiB, root, ephemeral and swap disk) plus extra
 * specs that drivers and the scheduler read. Private flavors are visible to the projects granted access.
 */
public record Flavor(
        String id,
        String name,
        int memoryMb,
        int vcpus,
        int rootGb,
        int ephemeralGb,
        int swapMb,
        double rxtxFactor,
        boolean isPublic,
        boolean disabled,
        String description,
        Map<String, String> extraSpecs,
        Instant createdAt,
        Instant updatedAt) {

    public Flavor {
        extraSpecs = Map.copyOf(extraSpecs);
    }

    public Flavor withExtraSpecs(Map<String, String> specs) {
        return new Flavor(id, name, memoryMb, vcpus, rootGb, ephemeralGb, swapMb, rxtxFactor, isPublic, disabled,
                description, specs, createdAt, updatedAt);
    }
}
