package io.strato.compute.scheduler;

/**
 * Prefers hosts with more free physical RAM ({@code total - used}), Nova's {@code RAMWeigher}: with the
 * default multiplier 1.0 instances spread; a negative multiplier stacks them (fills hosts up first).
 */
public record RamWeigher(double multiplier) implements HostWeigher {
    public static final double DEFAULT_MULTIPLIER = 1.0;

    @Override
    public String name() {
        return "RAMWeigher";
    }

    @Override
    public double rawWeight(HostState host, RequestSpec request) {
        return host.total().memoryMib() - host.used().memoryMib();
    }
}
