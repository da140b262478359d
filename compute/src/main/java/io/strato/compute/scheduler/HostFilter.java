package io.strato.compute.scheduler;

import java.util.List;

/**
 * One test a host must pass to be considered for an instance (Nova's {@code BaseHostFilter}).
 * Filters are pure: they read the host and the request and decide.
 */
public interface HostFilter {
    /** The name used in "No valid host" explanations, Nova's class name, e.g. {@code RamFilter}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Whether the host can take one instance of the request. */
    boolean passes(HostState host, RequestSpec request);

    /**
     * Why this filter rejected these hosts, for users, e.g. {@code 3 hosts lack memory: the flavor needs
     * 16384 MiB, the most free is 6144 MiB}. {@code rejected} is never empty.
     */
    default String explainRejections(List<HostState> rejected, RequestSpec request) {
        return hostCount(rejected.size()) + " rejected";
    }

    /**
     * Whether the filter also runs when an administrator forced the host. Only the resource filters do
     * (placement still has to allocate); the rest are bypassed, as in Nova.
     */
    default boolean appliesToForcedHost() {
        return false;
    }

    /** {@code 1 host lacks}, {@code 3 hosts lack}: the count with the verb that agrees with it. */
    static String hostsThat(int count, String singularVerb, String pluralVerb) {
        return hostCount(count) + " " + (count == 1 ? singularVerb : pluralVerb);
    }

    /** {@code 1 host}, {@code 3 hosts}. */
    static String hostCount(int count) {
        return count + (count == 1 ? " host" : " hosts");
    }
}
