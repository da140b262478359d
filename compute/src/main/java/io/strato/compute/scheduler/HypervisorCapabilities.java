package io.strato.compute.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a host's hypervisor can do, as the compute service reports it.
 *
 * @param supportedInstances the guest kinds it runs (ImagePropertiesFilter matches images against them)
 * @param hypervisorVersion Nova's integer version, e.g. {@code 7002022} for 7.2.22; 0 if unknown
 * @param traits placement traits of the host, e.g. {@code HW_CPU_X86_AVX2}, {@code COMPUTE_STATUS_DISABLED}
 * @param properties free-form capabilities, e.g. {@code cpu_info:vendor=Intel}, matched by {@code capabilities:} extra specs
 */
public record HypervisorCapabilities(List<SupportedInstance> supportedInstances, long hypervisorVersion,
                                     Set<String> traits, Map<String, String> properties) {
    public HypervisorCapabilities {
        supportedInstances = supportedInstances == null ? List.of() : List.copyOf(supportedInstances);
        traits = traits == null ? Set.of() : Set.copyOf(traits);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A QEMU/KVM host of the given architecture, e.g. {@code x86_64}, that runs {@code hvm} guests. */
    public static HypervisorCapabilities qemu(String architecture) {
        return new HypervisorCapabilities(List.of(new SupportedInstance(architecture, "qemu", "hvm")), 0,
                Set.of(), Map.of());
    }

    public HypervisorCapabilities withTraits(Set<String> newTraits) {
        return new HypervisorCapabilities(supportedInstances, hypervisorVersion, newTraits, properties);
    }

    public HypervisorCapabilities withHypervisorVersion(long version) {
        return new HypervisorCapabilities(supportedInstances, version, traits, properties);
    }

    public HypervisorCapabilities withProperties(Map<String, String> newProperties) {
        return new HypervisorCapabilities(supportedInstances, hypervisorVersion, traits, newProperties);
    }
}
