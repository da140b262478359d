package io.strato.compute.scheduler;

import java.util.List;
import java.util.TreeSet;

/**
 * For a group with the {@code affinity} policy, passes only the hosts the group's members run on
 * (any host while the group is empty). Other requests pass everywhere.
 */
public final class ServerGroupAffinityFilter implements HostFilter {
    @Override
    public boolean passes(HostState host, RequestSpec request) {
        ServerGroup group = request.serverGroup();
        if (group == null || group.policy() != ServerGroupPolicy.AFFINITY) {
            return true;
        }
        return group.hosts().isEmpty() || group.hosts().contains(host.hostName());
    }

    @Override
    public String explainRejections(List<HostState> rejected, RequestSpec request) {
        ServerGroup group = request.serverGroup();
        return HostFilter.hostCount(rejected.size()) + " not where the members of affinity server group "
                + group.id() + " run (" + String.join(", ", new TreeSet<>(group.hosts())) + ")";
    }
}
