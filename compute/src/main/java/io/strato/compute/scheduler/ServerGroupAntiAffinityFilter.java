package io.strato.compute.scheduler;

import java.util.List;

/**
 * For a group with the {@code anti-affinity} policy, passes hosts running fewer than
 * {@code max_server_per_host} (default 1) of the group's members. Other requests pass everywhere.
 */
public final class ServerGroupAntiAffinityFilter implements HostFilter {
    @Override
    public boolean passes(HostState host, RequestSpec request) {
        ServerGroup group = request.serverGroup();
        if (group == null || group.policy() != ServerGroupPolicy.ANTI_AFFINITY) {
            return true;
        }
        return host.serverGroupMembersOnHost(group) < group.maxServerPerHost();
    }

    @Override
    public String explainRejections(List<HostState> rejected, RequestSpec request) {
        ServerGroup group = request.serverGroup();
        String limit = group.maxServerPerHost() == 1 ? "a member" : group.maxServerPerHost() + " members";
        return HostFilter.hostsThat(rejected.size(), "already runs", "already run") + " " + limit + " of anti-affinity server group "
                + group.id();
    }
}
