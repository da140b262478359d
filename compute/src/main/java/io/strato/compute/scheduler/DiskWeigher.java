package io.strato.compute.scheduler;

/**
 * Prefers hosts with more free physical disk ({@code total - used}), Nova's {@code DiskWeigher};
 * default multiplier 1.0 spreads, negative stacks.
 */
public record DiskWeigher(double multiplier) implements HostWeigher {
    public static final double DEFAULT_MULTIPLIER = 1.0;

    @Override
    public double rawWeight(HostState host, RequestSpec request) {
        return host.total().diskGib() - host.used().diskGib();
    }
}
