package io.strato.compute.virt;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a driver needs to build a guest.
 *
 * @param instanceId the server's id; letters, digits, {@code .}, {@code _}, {@code -}, not starting with {@code _}
 * @param name the server's display name (informational)
 * @param vcpus virtual CPUs, at least 1
 * @param memoryMib guest RAM, at least 16
 * @param rootDiskGib the root disk size; 0 keeps the image's own virtual size (Nova's {@code disk=0} flavors)
 * @param baseImage a local file with the image bytes
 * @param baseImageId the image's id, the key of the driver's base image cache
 * @param baseImageFormat {@code qcow2} or {@code raw} (or another format {@code qemu-img} reads); {@code null} = probe
 * @param kernel for direct kernel boot, else {@code null}
 * @param ramdisk the initrd for direct kernel boot, or {@code null}
 * @param kernelArguments the kernel command line for direct kernel boot, or {@code null}
 * @param interfaces the guest's NICs in order
 * @param configDrive an ISO 9660 config drive attached as a CD-ROM, or {@code null}
 */
public record InstanceSpec(String instanceId, String name, int vcpus, int memoryMib, int rootDiskGib,
                           Path baseImage, String baseImageId, String baseImageFormat,
                           Path kernel, Path ramdisk, String kernelArguments,
                           List<NetworkInterface> interfaces, Path configDrive) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public InstanceSpec {
        checkId(instanceId);
        Objects.requireNonNull(baseImage, "baseImage");
        Objects.requireNonNull(baseImageId, "baseImageId");
        if (!ID.matcher(baseImageId).matches()) {
            throw new IllegalArgumentException("not a valid image id: " + baseImageId);
        }
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be at least 1, got " + vcpus);
        }
        if (memoryMib < 16) {
            throw new IllegalArgumentException("memoryMib must be at least 16, got " + memoryMib);
        }
        if (rootDiskGib < 0) {
            throw new IllegalArgumentException("rootDiskGib must not be negative, got " + rootDiskGib);
        }
        name = name == null ? instanceId : name;
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    /** A spec with just the essentials; no kernel, NICs or config drive. */
    public static InstanceSpec of(String instanceId, int vcpus, int memoryMib, int rootDiskGib,
                                  Path baseImage, String baseImageId, String baseImageFormat) {
        return new InstanceSpec(instanceId, instanceId, vcpus, memoryMib, rootDiskGib, baseImage, baseImageId,
                baseImageFormat, null, null, null, List.of(), null);
    }

    /** The same guest with another flavor (for resize). */
    public InstanceSpec withFlavor(int newVcpus, int newMemoryMib, int newRootDiskGib) {
        return new InstanceSpec(instanceId, name, newVcpus, newMemoryMib, newRootDiskGib, baseImage, baseImageId,
                baseImageFormat, kernel, ramdisk, kernelArguments, interfaces, configDrive);
    }

    /** Throws {@link IllegalArgumentException} unless the id is safe as a file name. */
    public static void checkId(String instanceId) {
        if (instanceId == null || !ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("not a valid instance id: " + instanceId);
        }
    }
}
