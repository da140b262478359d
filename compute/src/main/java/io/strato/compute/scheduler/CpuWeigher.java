package io.strato.compute.scheduler;

/**
 * Prefers hosts with more free vCPUs ({@code total * cpu ratio - used}), Nova's {@code CPUWeigher};
 * default multiplier 1.0 spreads, negative stacks.
 */
public record CpuWeigher(double multiplier) implements HostWeigher {
    public static final double DEFAULT_MULTIPLIER = 1.0;

    @Override
    public String name() {
        return "CPUWeigher";
    }

    @Override
    public double rawWeight(HostState host, RequestSpec request) {
        return host.allocationRatios().capacity(ResourceClass.VCPU, host.total().vcpus()) - host.used().vcpus();
    }
}
