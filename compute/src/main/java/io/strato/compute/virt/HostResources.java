package io.strato.compute.virt;

/**
 * What a hypervisor host offers, as the resource tracker reports it to placement.
 *
 * @param vcpus logical CPUs of the host
 * @param memoryMib physical memory of the host
 * @param diskGibFree free space under the instances directory
 * @param hypervisorType Nova's {@code hypervisor_type}, e.g. {@code QEMU}
 * @param hypervisorVersion the hypervisor's version, e.g. {@code 7.2.22}
 * @param acceleration whether guests run under KVM or software emulation
 */
public record HostResources(int vcpus, long memoryMib, long diskGibFree, String hypervisorType,
                            String hypervisorVersion, Acceleration acceleration) {
    /** Nova's integer form of a version: {@code 7.2.22} is {@code 7002022}. */
    public long hypervisorVersionNumber() {
        long number = 0;
        String[] parts = hypervisorVersion.split("\\.");
        for (int i = 0; i < 3; i++) {
            number *= 1000;
            if (i < parts.length) {
                try {
                    number += Long.parseLong(parts[i].replaceAll("\\D.*", ""));
                } catch (NumberFormatException e) {
                    // a non-numeric part counts as 0
                }
            }
        }
        return number;
    }
}
