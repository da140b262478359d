package io.strato.compute.scheduler;

import java.util.Locale;
import java.util.Objects;

/**
 * One kind of guest a hypervisor can run, an entry of Nova's {@code supported_instances}.
 *
 * @param architecture the guest CPU architecture, e.g. {@code x86_64}
 * @param hypervisorType e.g. {@code qemu} or {@code kvm}
 * @param virtualMachineMode e.g. {@code hvm}
 */
public record SupportedInstance(String architecture, String hypervisorType, String virtualMachineMode) {
    public SupportedInstance {
        architecture = canonicalArchitecture(Objects.requireNonNull(architecture, "architecture"));
        hypervisorType = canonicalHypervisorType(Objects.requireNonNull(hypervisorType, "hypervisorType"));
        virtualMachineMode = canonicalVirtualMachineMode(
                Objects.requireNonNull(virtualMachineMode, "virtualMachineMode"));
    }

    /** Nova's {@code arch.canonicalize}: lower case, {@code amd64}/{@code x64} are {@code x86_64}, i386-i586 are i686. */
    public static String canonicalArchitecture(String architecture) {
        String name = architecture.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "amd64", "x64" -> "x86_64";
            case "i386", "i486", "i586" -> "i686";
            case "arm64" -> "aarch64";
            default -> name;
        };
    }

    /** Nova's {@code hv_type.canonicalize}: lower case, {@code xapi} is {@code xen}. */
    public static String canonicalHypervisorType(String hypervisorType) {
        String name = hypervisorType.trim().toLowerCase(Locale.ROOT);
        return name.equals("xapi") ? "xen" : name;
    }

    /** Nova's {@code vm_mode.canonicalize}: {@code hv}/{@code baremetal} are {@code hvm}, {@code pv} is {@code xen}. */
    public static String canonicalVirtualMachineMode(String mode) {
        String name = mode.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "hv", "baremetal" -> "hvm";
            case "pv" -> "xen";
            default -> name;
        };
    }
}
