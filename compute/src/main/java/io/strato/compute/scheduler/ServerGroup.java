package io.strato.compute.scheduler;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The server group an instance is built into.
 *
 * @param id the group's id
 * @param policy its policy
 * @param memberIds ids of the instances already in the group
 * @param hosts hosts the members run on
 * @param maxServerPerHost the anti-affinity rule {@code max_server_per_host} (1 unless set)
 */
public record ServerGroup(String id, ServerGroupPolicy policy, Set<String> memberIds, Set<String> hosts,
                          int maxServerPerHost) {
    public ServerGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policy, "policy");
        memberIds = memberIds == null ? Set.of() : Set.copyOf(memberIds);
        hosts = hosts == null ? Set.of() : Set.copyOf(hosts);
        if (maxServerPerHost < 1) {
            throw new IllegalArgumentException("max_server_per_host must be at least 1, got " + maxServerPerHost);
        }
    }

    public static ServerGroup of(String id, ServerGroupPolicy policy, Set<String> memberIds, Set<String> hosts) {
        return new ServerGroup(id, policy, memberIds, hosts, 1);
    }

    /** The group after a new member was placed on a host (the scheduler's working copy). */
    public ServerGroup withMember(String instanceId, String host) {
        Set<String> members = new HashSet<>(memberIds);
        members.add(instanceId);
        Set<String> newHosts = new LinkedHashSet<>(hosts);
        newHosts.add(host);
        return new ServerGroup(id, policy, members, newHosts, maxServerPerHost);
    }
}
