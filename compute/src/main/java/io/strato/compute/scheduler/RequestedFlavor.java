package io.strato.compute.scheduler;

import java.util.Map;

/**
 * The flavor part of a request: what each instance needs.
 *
 * @param name the flavor's name (for messages)
 * @param vcpus virtual CPUs
 * @param memoryMib RAM in MiB
 * @param rootDiskGib root disk in GiB (0 for boot-from-volume or "use the image size")
 * @param ephemeralGib ephemeral disk in GiB
 * @param swapMib swap in MiB
 * @param extraSpecs the flavor's extra specs, e.g. {@code aggregate_instance_extra_specs:ssd=true}
 */
public record RequestedFlavor(String name, int vcpus, long memoryMib, long rootDiskGib, long ephemeralGib,
                              long swapMib, Map<String, String> extraSpecs) {
    public RequestedFlavor {
        name = name == null ? "unnamed" : name;
        if (vcpus < 0 || memoryMib < 0 || rootDiskGib < 0 || ephemeralGib < 0 || swapMib < 0) {
            throw new IllegalArgumentException("flavor " + name + " has a negative size");
        }
        extraSpecs = extraSpecs == null ? Map.of() : Map.copyOf(extraSpecs);
    }

    public static RequestedFlavor of(String name, int vcpus, long memoryMib, long rootDiskGib) {
        return new RequestedFlavor(name, vcpus, memoryMib, rootDiskGib, 0, 0, Map.of());
    }

    public RequestedFlavor withExtraSpecs(Map<String, String> specs) {
        return new RequestedFlavor(name, vcpus, memoryMib, rootDiskGib, ephemeralGib, swapMib, specs);
    }

    /** What placement allocates: {@code DISK_GB} is root + ephemeral + swap rounded up to whole GiB. */
    public Resources resources() {
        return new Resources(vcpus, memoryMib, rootDiskGib + ephemeralGib + Math.ceilDiv(swapMib, 1024));
    }
}
