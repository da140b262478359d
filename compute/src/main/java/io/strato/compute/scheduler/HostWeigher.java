package io.strato.compute.scheduler;

/**
 * Scores hosts that passed the filters (Nova's {@code BaseHostWeigher}). The scheduler normalises each
 * weigher's raw values to 0..1 across the candidate hosts (lowest 0, highest 1, all 0 when they are
 * equal), multiplies them by {@link #multiplier()} and sums over the weighers; the highest sum wins.
 * A negative multiplier turns "more is better" into "less is better".
 */
public interface HostWeigher {
    /** Nova's class name, e.g. {@code RAMWeigher}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** How much this weigher counts relative to the others; negative reverses it; 0 ignores it. */
    double multiplier();

    /** The raw value for one host, before normalisation. */
    double rawWeight(HostState host, RequestSpec request);
}
