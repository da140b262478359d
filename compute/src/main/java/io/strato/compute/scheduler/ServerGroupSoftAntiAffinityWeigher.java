package io.strato.compute.scheduler;

/**
 * For a {@code soft-anti-affinity} group, prefers hosts running fewer of the group's members (raw weight:
 * minus the number of members on the host). It never rejects a host. Other requests weigh 0 everywhere.
 */
public record ServerGroupSoftAntiAffinityWeigher(double multiplier) implements HostWeigher {
    public static final double DEFAULT_MULTIPLIER = 1.0;

    @Override
    public double rawWeight(HostState host, RequestSpec request) {
        ServerGroup group = request.serverGroup();
        if (group == null || group.policy() != ServerGroupPolicy.SOFT_ANTI_AFFINITY) {
            return 0;
        }
        return -host.serverGroupMembersOnHost(group);
    }
}
