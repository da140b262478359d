package io.strato.identity.core;

import io.strato.identity.api.Assignment;
import io.strato.identity.api.Project;
import io.strato.identity.api.Role;
import io.strato.identity.store.RoleStore.Implication;
import io.strato.platform.db.Session;
import io.strato.platform.http.ApiException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Roles, implied roles, grants, and the effective roles a user holds on a target. */
public final class RoleManager {
    /** The roles and implication rules, as of one generation of the data. */
    private record RoleCache(long generation, Map<String, Role> byId, Map<String, List<String>> implied) {
    }

    /** Roles no rule may imply, as Keystone's [assignment] prohibited_implied_role. */
    private static final Set<String> PROHIBITED_IMPLIED_ROLES = Set.of("admin");

    private final IdentityData data;
    private volatile RoleCache cache = new RoleCache(-1, Map.of(), Map.of());

    public RoleManager(IdentityData data) {
        this.data = data;
    }

    public Role create(Role role) {
        return data.writeUnique("role", "Duplicate entry found with name " + role.name() + ".", s -> {
            if (data.roles.roleByName(s, role.domainId(), role.name()).isPresent()) {
                throw IdentityErrors.duplicate("role", "Duplicate entry found with name " + role.name() + ".");
            }
            data.roles.insertRole(s, role);
            return role;
        });
    }

    public Role update(Role role) {
        return data.writeUnique("role", "Duplicate entry found with name " + role.name() + ".", s -> {
            Optional<Role> clash = data.roles.roleByName(s, role.domainId(), role.name());
            if (clash.isPresent() && !clash.get().id().equals(role.id())) {
                throw IdentityErrors.duplicate("role", "Duplicate entry found with name " + role.name() + ".");
            }
            data.roles.updateRole(s, role);
            return role;
        });
    }

    public void delete(String roleId) {
        data.write(s -> {
            Role role = require(s, roleId);
            if (Boolean.TRUE.equals(role.options().get("immutable"))) {
                throw ApiException.forbidden("Role " + roleId + " is immutable and cannot be deleted.");
            }
            for (Assignment a : data.roles.assignments(s, null, null, null, roleId, null)) {
                revokeTokensFor(s, a);
            }
            data.roles.deleteRole(s, roleId);
            return null;
        });
    }

    public Role get(String roleId) {
        Role role = roles().get(roleId);
        if (role == null) {
            throw IdentityErrors.notFound("role", roleId);
        }
        return role;
    }

    public Optional<Role> find(String roleId) {
        return Optional.ofNullable(roles().get(roleId));
    }

    public Optional<Role> findByName(String name, String domainId) {
        return roles().values().stream()
                .filter(r -> r.name().equals(name) && java.util.Objects.equals(r.domainId(), domainId)).findFirst();
    }

    public List<Role> list(String domainId, String name) {
        return data.read(s -> data.roles.roles(s, domainId, name));
    }

    public Role require(Session s, String roleId) throws SQLException {
        return data.roles.role(s, roleId).orElseThrow(() -> IdentityErrors.notFound("role", roleId));
    }

    public void addImplication(String priorId, String impliedId) {
        data.write(s -> {
            Role prior = require(s, priorId);
            Role implied = require(s, impliedId);
            if (PROHIBITED_IMPLIED_ROLES.contains(implied.name()) && implied.domainId() == null) {
                throw ApiException.forbidden(impliedId + " cannot be an implied role.");
            }
            if (implied.domainId() != null && prior.domainId() == null) {
                throw ApiException.forbidden("A global role cannot imply the domain-specific role " + impliedId + ".");
            }
            if (priorId.equals(impliedId) || reaches(s, impliedId, priorId)) {
                throw ApiException.forbidden("Role " + prior.id() + " already implies " + implied.id()
                        + " or the rule would make a loop.");
            }
            Implication rule = new Implication(priorId, impliedId);
            if (!data.roles.implications(s).contains(rule)) {
                data.roles.addImplication(s, rule);
            }
            return null;
        });
    }

    public void removeImplication(String priorId, String impliedId) {
        data.write(s -> {
            require(s, priorId);
            require(s, impliedId);
            if (!data.roles.removeImplication(s, new Implication(priorId, impliedId))) {
                throw ApiException.notFound("Could not find implied role: " + impliedId + " implied by " + priorId + ".");
            }
            return null;
        });
    }

    public boolean implies(String priorId, String impliedId) {
        return implied().getOrDefault(priorId, List.of()).contains(impliedId);
    }

    /** Direct implication rules, prior role id to implied role ids. */
    public Map<String, List<String>> implied() {
        return cache().implied();
    }

    /** Adds the roles implied, transitively, by the given ones. */
    public Set<String> expand(Set<String> roleIds) {
        Map<String, List<String>> rules = implied();
        Set<String> result = new LinkedHashSet<>(roleIds);
        Deque<String> pending = new ArrayDeque<>(roleIds);
        while (!pending.isEmpty()) {
            for (String next : rules.getOrDefault(pending.pop(), List.of())) {
                if (result.add(next)) {
                    pending.push(next);
                }
            }
        }
        return result;
    }

    public Map<String, Role> roles() {
        return cache().byId();
    }

    /** Drops domain-specific roles: they only serve to imply global ones, and tokens never carry them. */
    public Set<String> withoutDomainRoles(Set<String> roleIds) {
        Map<String, Role> byId = roles();
        Set<String> result = new LinkedHashSet<>();
        for (String id : roleIds) {
            Role role = byId.get(id);
            if (role != null && role.domainId() == null) {
                result.add(id);
            }
        }
        return result;
    }

    public boolean grant(Assignment assignment) {
        return data.write(s -> {
            require(s, assignment.roleId());
            return data.roles.grant(s, assignment);
        });
    }

    public void revoke(Assignment assignment) {
        data.write(s -> {
            if (!data.roles.revoke(s, assignment)) {
                throw ApiException.notFound("Could not find role assignment with role: " + assignment.roleId()
                        + ", " + assignment.actorType().name().toLowerCase() + ": " + assignment.actorId() + ", "
                        + assignment.targetType().name().toLowerCase() + ": " + assignment.targetId() + ".");
            }
            revokeTokensFor(s, assignment);
            return null;
        });
    }

    public boolean hasGrant(Assignment assignment) {
        return data.read(s -> !data.roles.assignments(s, List.of(assignment.kind()), List.of(assignment.actorId()),
                assignment.targetId(), assignment.roleId(), assignment.inherited()).isEmpty());
    }

    /** Direct roles (not expanded) of an actor on a target, ordered as stored. */
    public List<Role> grantedRoles(String kind, String actorId, String targetId, boolean inherited) {
        Map<String, Role> byId = roles();
        return data.read(s -> data.roles.assignments(s, List.of(kind), List.of(actorId), targetId, null, inherited))
                .stream().map(a -> byId.get(a.roleId())).filter(java.util.Objects::nonNull).toList();
    }

    /** The role ids a user holds on a project: direct, through groups, inherited, and implied. */
    public Set<String> effectiveOnProject(Session s, String userId, Project project) throws SQLException {
        List<String> actors = actors(s, userId);
        Set<String> direct = new LinkedHashSet<>();
        for (Assignment a : data.roles.assignments(s, List.of("UserProject", "GroupProject"), actors, project.id(), null, false)) {
            direct.add(a.roleId());
        }
        for (Assignment a : data.roles.assignments(s, List.of("UserDomain", "GroupDomain"), actors, project.domainId(), null, true)) {
            direct.add(a.roleId());
        }
        String parent = project.parentId();
        int depth = 0;
        while (parent != null && depth++ < 64) {
            for (Assignment a : data.roles.assignments(s, List.of("UserProject", "GroupProject"), actors, parent, null, true)) {
                direct.add(a.roleId());
            }
            Optional<Project> up = data.resources.project(s, parent);
            parent = up.map(Project::parentId).orElse(null);
        }
        return withoutDomainRoles(expand(direct));
    }

    public Set<String> effectiveOnDomain(Session s, String userId, String domainId) throws SQLException {
        Set<String> direct = new LinkedHashSet<>();
        for (Assignment a : data.roles.assignments(s, List.of("UserDomain", "GroupDomain"), actors(s, userId), domainId, null, false)) {
            direct.add(a.roleId());
        }
        return withoutDomainRoles(expand(direct));
    }

    public Set<String> effectiveOnSystem(Session s, String userId) throws SQLException {
        Set<String> direct = new LinkedHashSet<>();
        for (Assignment a : data.roles.assignments(s, List.of("UserSystem", "GroupSystem"), actors(s, userId), "all", null, false)) {
            direct.add(a.roleId());
        }
        return withoutDomainRoles(expand(direct));
    }

    /** Revokes the tokens an assignment's removal must invalidate. */
    void revokeTokensFor(Session s, Assignment a) throws SQLException {
        List<String> users = a.actorType() == Assignment.ActorType.USER ? List.of(a.actorId())
                : data.users.memberIds(s, a.actorId());
        for (String user : users) {
            if (a.targetType() == Assignment.TargetType.PROJECT && !a.inherited()) {
                data.revocations.revoke(s, Revocations.Kind.USER_PROJECT, user, a.targetId());
            } else {
                data.revocations.revoke(s, Revocations.Kind.USER, user);
            }
        }
    }

    private List<String> actors(Session s, String userId) throws SQLException {
        List<String> actors = new ArrayList<>();
        actors.add(userId);
        actors.addAll(data.users.groupIdsOfUser(s, userId));
        return actors;
    }

    private boolean reaches(Session s, String from, String to) throws SQLException {
        Map<String, List<String>> rules = new HashMap<>();
        for (Implication rule : data.roles.implications(s)) {
            rules.computeIfAbsent(rule.priorRoleId(), k -> new ArrayList<>()).add(rule.impliedRoleId());
        }
        Deque<String> pending = new ArrayDeque<>(List.of(from));
        Set<String> seen = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (next.equals(to)) {
                return true;
            }
            if (seen.add(next)) {
                pending.addAll(rules.getOrDefault(next, List.of()));
            }
        }
        return false;
    }

    private RoleCache cache() {
        RoleCache current = cache;
        long generation = data.generation();
        if (current.generation() == generation) {
            return current;
        }
        RoleCache fresh = data.read(s -> {
            Map<String, Role> byId = new HashMap<>();
            for (Role role : data.roles.allRoles(s)) {
                byId.put(role.id(), role);
            }
            Map<String, List<String>> implied = new HashMap<>();
            for (Implication rule : data.roles.implications(s)) {
                implied.computeIfAbsent(rule.priorRoleId(), k -> new ArrayList<>()).add(rule.impliedRoleId());
            }
            return new RoleCache(generation, Map.copyOf(byId), Map.copyOf(implied));
        });
        cache = fresh;
        return fresh;
    }
}
