package io.strato.identity.core;

import io.strato.identity.api.Assignment;
import io.strato.identity.api.Project;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists role assignments as {@code /v3/role_assignments} does: as stored, or effective (groups
 * expanded to their members, inherited grants to the projects below, implied roles added).
 */
public final class RoleAssignments {
    /** Filters of a listing; null means any. */
    public record Filter(String userId, String groupId, String roleId, String projectId, String domainId,
            boolean system, boolean inheritedOnly, boolean effective) {
    }

    /** One listed assignment; {@code viaGroupId} is set when an effective listing expanded a group. */
    public record Listed(Assignment assignment, String viaGroupId, String priorRoleId) {
    }

    private final IdentityData data;
    private final RoleManager roles;
    private final ResourceManager resources;

    public RoleAssignments(IdentityData data, RoleManager roles, ResourceManager resources) {
        this.data = data;
        this.roles = roles;
        this.resources = resources;
    }

    public List<Listed> list(Filter filter) {
        List<Assignment> stored = data.read(s -> data.roles.assignments(s, null, null, null, null, null));
        List<Listed> result = new ArrayList<>();
        if (!filter.effective()) {
            for (Assignment a : stored) {
                result.add(new Listed(a, null, null));
            }
            return result.stream().filter(l -> matches(l.assignment(), filter, false)).toList();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Assignment a : stored) {
            List<Assignment> users = new ArrayList<>();
            String viaGroup = null;
            if (a.actorType() == Assignment.ActorType.GROUP) {
                viaGroup = a.actorId();
                for (String member : data.read(s -> data.users.memberIds(s, a.actorId()))) {
                    users.add(new Assignment(Assignment.ActorType.USER, member, a.targetType(), a.targetId(), a.roleId(),
                            a.inherited()));
                }
            } else {
                users.add(a);
            }
            for (Assignment user : users) {
                for (Assignment placed : placeInherited(user)) {
                    for (String roleId : roles.withoutDomainRoles(roles.expand(Set.of(placed.roleId())))) {
                        Assignment expanded = new Assignment(placed.actorType(), placed.actorId(), placed.targetType(),
                                placed.targetId(), roleId, false);
                        String key = expanded.kind() + expanded.actorId() + expanded.targetId() + roleId;
                        if (matches(expanded, filter, true) && seen.add(key)) {
                            result.add(new Listed(expanded, viaGroup, roleId.equals(placed.roleId()) ? null : placed.roleId()));
                        }
                    }
                }
            }
        }
        return result;
    }

    /** The user's effective assignments on targets of one type (for /v3/auth/projects and the like). */
    public List<Assignment> forUser(String userId, Assignment.TargetType type) {
        return list(new Filter(userId, null, null, null, null, type == Assignment.TargetType.SYSTEM, false, true)).stream()
                .map(Listed::assignment).filter(a -> a.targetType() == type).toList();
    }

    private List<Assignment> placeInherited(Assignment a) {
        if (!a.inherited()) {
            return List.of(a);
        }
        List<Project> projects = a.targetType() == Assignment.TargetType.DOMAIN
                ? resources.listProjects(a.targetId(), null, null, null)
                : resources.subtree(a.targetId());
        List<Assignment> placed = new ArrayList<>();
        for (Project project : projects) {
            placed.add(new Assignment(a.actorType(), a.actorId(), Assignment.TargetType.PROJECT, project.id(), a.roleId(),
                    false));
        }
        return placed;
    }

    private static boolean matches(Assignment a, Filter filter, boolean effective) {
        if (filter.userId() != null && !(a.actorType() == Assignment.ActorType.USER && a.actorId().equals(filter.userId()))) {
            return false;
        }
        if (filter.groupId() != null && !(a.actorType() == Assignment.ActorType.GROUP && a.actorId().equals(filter.groupId()))) {
            return false;
        }
        if (filter.roleId() != null && !a.roleId().equals(filter.roleId())) {
            return false;
        }
        if (filter.projectId() != null && !(a.targetType() == Assignment.TargetType.PROJECT
                && a.targetId().equals(filter.projectId()))) {
            return false;
        }
        if (filter.domainId() != null && !(a.targetType() == Assignment.TargetType.DOMAIN
                && a.targetId().equals(filter.domainId()))) {
            return false;
        }
        if (filter.system() && a.targetType() != Assignment.TargetType.SYSTEM && filter.projectId() == null
                && filter.domainId() == null) {
            return false;
        }
        return !filter.inheritedOnly() || effective || a.inherited();
    }
}
