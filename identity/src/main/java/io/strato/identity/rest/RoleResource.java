package io.strato.identity.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.identity.api.Assignment;
import io.strato.identity.api.Assignment.ActorType;
import io.strato.identity.api.Assignment.TargetType;
import io.strato.identity.api.Domain;
import io.strato.identity.api.Group;
import io.strato.identity.api.Project;
import io.strato.identity.api.Role;
import io.strato.identity.api.User;
import io.strato.identity.core.Ids;
import io.strato.identity.core.ResourceManager;
import io.strato.identity.core.RoleAssignments;
import io.strato.identity.core.RoleManager;
import io.strato.identity.core.UserManager;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Roles, implied roles, grants on projects, domains and the system, and {@code /v3/role_assignments}. */
final class RoleResource {
    private static final Set<String> ROLE_FIELDS = Set.of("id", "name", "domain_id", "description", "options", "links");

    private final RoleManager roles;
    private final UserManager users;
    private final ResourceManager resources;
    private final RoleAssignments assignments;
    private final Authorizer authorizer;

    RoleResource(RoleManager roles, UserManager users, ResourceManager resources, RoleAssignments assignments,
            Authorizer authorizer) {
        this.roles = roles;
        this.users = users;
        this.resources = resources;
        this.assignments = assignments;
        this.authorizer = authorizer;
    }

    void register(Router router) {
        router.post("/v3/roles", this::createRole);
        router.get("/v3/roles", this::listRoles);
        router.get("/v3/roles/{role_id}", this::getRole);
        router.patch("/v3/roles/{role_id}", this::updateRole);
        router.delete("/v3/roles/{role_id}", this::deleteRole);
        router.get("/v3/roles/{role_id}/implies", this::listImplied);
        router.put("/v3/roles/{role_id}/implies/{implied_id}", this::addImplied);
        router.get("/v3/roles/{role_id}/implies/{implied_id}", this::getImplied);
        router.head("/v3/roles/{role_id}/implies/{implied_id}", this::checkImplied);
        router.delete("/v3/roles/{role_id}/implies/{implied_id}", this::deleteImplied);
        router.get("/v3/role_inferences", this::listInferences);
        router.get("/v3/role_assignments", this::listAssignments);
        for (String target : List.of("projects", "domains")) {
            for (String actor : List.of("users", "groups")) {
                String base = "/v3/" + target + "/{target_id}/" + actor + "/{actor_id}/roles";
                router.get(base, r -> listGrants(r, target, actor));
                router.put(base + "/{role_id}", r -> grant(r, target, actor));
                router.get(base + "/{role_id}", r -> checkGrant(r, target, actor));
                router.head(base + "/{role_id}", r -> checkGrant(r, target, actor));
                router.delete(base + "/{role_id}", r -> revokeGrant(r, target, actor));
            }
        }
        for (String actor : List.of("users", "groups")) {
            String base = "/v3/system/" + actor + "/{actor_id}/roles";
            router.get(base, r -> listGrants(r, "system", actor));
            router.put(base + "/{role_id}", r -> grant(r, "system", actor));
            router.get(base + "/{role_id}", r -> checkGrant(r, "system", actor));
            router.head(base + "/{role_id}", r -> checkGrant(r, "system", actor));
            router.delete(base + "/{role_id}", r -> revokeGrant(r, "system", actor));
        }
    }

    private Response createRole(Request request) {
        ObjectNode body = Bodies.entity(request, "role");
        String name = Bodies.name(body, "name", true, 255);
        String domainId = Bodies.nullableString(body, "domain_id", 64);
        authorizer.enforce(request, domainId == null ? "identity:create_role" : "identity:create_domain_role",
                targetRole(null, domainId));
        if (domainId != null) {
            resources.getDomain(domainId);
        }
        Role role = new Role(Ids.newId(), name, domainId, Bodies.nullableString(body, "description", 255),
                Bodies.extra(body, ROLE_FIELDS, null), roleOptions(body, Map.of()));
        return Response.json(201, Views.wrap("role", Views.role(request, roles.create(role))));
    }

    private Response listRoles(Request request) {
        String domainId = request.queryParam("domain_id").orElse(null);
        authorizer.enforce(request, domainId == null ? "identity:list_roles" : "identity:list_domain_roles",
                Authorizer.target("target.domain_id", domainId, "domain_id", domainId));
        List<Role> list = roles.list(domainId, request.queryParam("name").orElse(null));
        return Response.ok(Views.collection(request, "roles", list, r -> Views.role(request, r)));
    }

    private Response getRole(Request request) {
        Role role = roleFor(request, "identity:get_role", "identity:get_domain_role", request.pathParam("role_id"));
        return Response.ok(Views.wrap("role", Views.role(request, role)));
    }

    private Response updateRole(Request request) {
        String id = request.pathParam("role_id");
        Role before = roleFor(request, "identity:update_role", "identity:update_domain_role", id);
        ObjectNode body = Bodies.entity(request, "role");
        if (body.has("domain_id") && !java.util.Objects.equals(before.domainId(), body.path("domain_id").asText(null))) {
            throw ApiException.badRequest("Update of `domain_id` is not allowed.");
        }
        if (Boolean.TRUE.equals(before.options().get("immutable")) && !body.has("options")) {
            throw ApiException.forbidden("Role " + id + " is immutable and cannot be changed.");
        }
        String name = Bodies.name(body, "name", false, 255);
        Role after = new Role(id, name == null ? before.name() : name, before.domainId(),
                body.has("description") ? Bodies.nullableString(body, "description", 255) : before.description(),
                Bodies.extra(body, ROLE_FIELDS, before.extra()), roleOptions(body, before.options()));
        return Response.ok(Views.wrap("role", Views.role(request, roles.update(after))));
    }

    private Response deleteRole(Request request) {
        String id = request.pathParam("role_id");
        roleFor(request, "identity:delete_role", "identity:delete_domain_role", id);
        roles.delete(id);
        return Response.empty(204);
    }

    private Response listImplied(Request request) {
        authorizer.enforce(request, "identity:list_implied_roles");
        Role prior = roles.get(request.pathParam("role_id"));
        ObjectNode inference = Json.object();
        inference.set("prior_role", Views.roleReference(request, prior));
        ArrayNode implies = inference.putArray("implies");
        for (String id : roles.implied().getOrDefault(prior.id(), List.of())) {
            roles.find(id).ifPresent(r -> implies.add(Views.roleReference(request, r)));
        }
        ObjectNode body = Views.wrap("role_inference", inference);
        body.set("links", Views.links(request, "/v3/roles/" + prior.id() + "/implies"));
        return Response.ok(body);
    }

    private Response addImplied(Request request) {
        authorizer.enforce(request, "identity:create_implied_role");
        String priorId = request.pathParam("role_id");
        String impliedId = request.pathParam("implied_id");
        roles.addImplication(priorId, impliedId);
        return Response.json(201, inference(request, priorId, impliedId));
    }

    private Response getImplied(Request request) {
        authorizer.enforce(request, "identity:get_implied_role");
        String priorId = request.pathParam("role_id");
        String impliedId = request.pathParam("implied_id");
        requireImplication(priorId, impliedId);
        return Response.ok(inference(request, priorId, impliedId));
    }

    private Response checkImplied(Request request) {
        authorizer.enforce(request, "identity:check_implied_role");
        requireImplication(request.pathParam("role_id"), request.pathParam("implied_id"));
        return Response.empty(204);
    }

    private Response deleteImplied(Request request) {
        authorizer.enforce(request, "identity:delete_implied_role");
        roles.removeImplication(request.pathParam("role_id"), request.pathParam("implied_id"));
        return Response.empty(204);
    }

    private Response listInferences(Request request) {
        authorizer.enforce(request, "identity:list_role_inference_rules");
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("role_inferences");
        roles.implied().forEach((priorId, impliedIds) -> roles.find(priorId).ifPresent(prior -> {
            ObjectNode item = list.addObject();
            item.set("prior_role", Views.roleReference(request, prior));
            ArrayNode implies = item.putArray("implies");
            impliedIds.forEach(id -> roles.find(id).ifPresent(r -> implies.add(Views.roleReference(request, r))));
        }));
        body.set("links", Views.links(request, "/v3/role_inferences"));
        return Response.ok(body);
    }

    private void requireImplication(String priorId, String impliedId) {
        roles.get(priorId);
        roles.get(impliedId);
        if (!roles.implies(priorId, impliedId)) {
            throw ApiException.notFound("Could not find implied role: " + impliedId + " implied by " + priorId + ".");
        }
    }

    private ObjectNode inference(Request request, String priorId, String impliedId) {
        ObjectNode inference = Json.object();
        inference.set("prior_role", Views.roleReference(request, roles.get(priorId)));
        inference.set("implies", Views.roleReference(request, roles.get(impliedId)));
        ObjectNode body = Views.wrap("role_inference", inference);
        body.set("links", Views.links(request, "/v3/roles/" + priorId + "/implies/" + impliedId));
        return body;
    }

    private Response listGrants(Request request, String target, String actor) {
        Assignment probe = assignment(request, target, actor, "");
        authorizer.enforce(request, target.equals("system")
                ? (actor.equals("users") ? "identity:list_system_grants_for_user" : "identity:list_system_grants_for_group")
                : "identity:list_grants", grantTarget(probe, null));
        checkExists(probe);
        List<Role> granted = roles.grantedRoles(probe.kind(), probe.actorId(), probe.targetId(), false);
        return Response.ok(Views.collection(request, "roles", granted, r -> Views.role(request, r)));
    }

    private Response grant(Request request, String target, String actor) {
        Assignment a = assignment(request, target, actor, request.pathParam("role_id"));
        Role role = roles.find(a.roleId()).orElse(null);
        authorizer.enforce(request, target.equals("system")
                ? (actor.equals("users") ? "identity:create_system_grant_for_user" : "identity:create_system_grant_for_group")
                : "identity:create_grant", grantTarget(a, role));
        checkExists(a);
        if (role == null) {
            throw ApiException.notFound("Could not find role: " + a.roleId() + ".");
        }
        if (role.domainId() != null && a.targetType() != TargetType.SYSTEM) {
            String targetDomain = a.targetType() == TargetType.DOMAIN ? a.targetId()
                    : resources.getProject(a.targetId()).domainId();
            if (!role.domainId().equals(targetDomain)) {
                throw ApiException.forbidden("Domain-specific role " + role.id()
                        + " cannot be granted on a target outside its domain.");
            }
        }
        roles.grant(a);
        return Response.empty(204);
    }

    private Response checkGrant(Request request, String target, String actor) {
        Assignment a = assignment(request, target, actor, request.pathParam("role_id"));
        authorizer.enforce(request, target.equals("system")
                ? (actor.equals("users") ? "identity:check_system_grant_for_user" : "identity:check_system_grant_for_group")
                : "identity:check_grant", grantTarget(a, roles.find(a.roleId()).orElse(null)));
        checkExists(a);
        roles.get(a.roleId());
        if (!roles.hasGrant(a)) {
            throw ApiException.notFound("Could not find role assignment with role: " + a.roleId() + ".");
        }
        return Response.empty(204);
    }

    private Response revokeGrant(Request request, String target, String actor) {
        Assignment a = assignment(request, target, actor, request.pathParam("role_id"));
        authorizer.enforce(request, target.equals("system")
                ? (actor.equals("users") ? "identity:revoke_system_grant_for_user" : "identity:revoke_system_grant_for_group")
                : "identity:revoke_grant", grantTarget(a, roles.find(a.roleId()).orElse(null)));
        checkExists(a);
        roles.get(a.roleId());
        roles.revoke(a);
        return Response.empty(204);
    }

    private Response listAssignments(Request request) {
        String domainFilter = request.queryParam("scope.domain.id").orElse(null);
        authorizer.enforce(request, "identity:list_role_assignments", Authorizer.target("target.domain_id", domainFilter,
                "target.project.id", request.queryParam("scope.project.id").orElse(null)));
        boolean effective = request.queryParam("effective").isPresent();
        boolean includeNames = request.queryFlag("include_names");
        String groupId = request.queryParam("group.id").orElse(null);
        if (effective && groupId != null) {
            throw ApiException.badRequest("Combining effective and group filter will always result in an empty list.");
        }
        String projectId = request.queryParam("scope.project.id").orElse(null);
        if (projectId != null && domainFilter != null) {
            throw ApiException.badRequest("Specify a domain or project, not both.");
        }
        boolean system = request.queryParam("scope.system").isPresent();
        boolean inherited = request.queryParam("scope.OS-INHERIT:inherited_to").isPresent();
        List<RoleAssignments.Listed> listed = assignments.list(new RoleAssignments.Filter(
                request.queryParam("user.id").orElse(null), groupId, request.queryParam("role.id").orElse(null),
                projectId, domainFilter, system, inherited, effective));
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("role_assignments");
        Map<String, Object> names = new HashMap<>();
        for (RoleAssignments.Listed item : listed) {
            array.add(assignmentView(request, item, includeNames, names));
        }
        body.set("links", Views.links(request, request.path()));
        return Response.ok(body);
    }

    private ObjectNode assignmentView(Request request, RoleAssignments.Listed item, boolean includeNames,
            Map<String, Object> cache) {
        Assignment a = item.assignment();
        ObjectNode node = Json.object();
        ObjectNode role = node.putObject("role").put("id", a.roleId());
        String actorKey = a.actorType() == ActorType.USER ? "user" : "group";
        ObjectNode actor = node.putObject(actorKey).put("id", a.actorId());
        ObjectNode scope = node.putObject("scope");
        String targetPath = switch (a.targetType()) {
            case PROJECT -> {
                ObjectNode project = scope.putObject("project").put("id", a.targetId());
                if (includeNames) {
                    resources.findProject(a.targetId()).ifPresent(p -> {
                        project.put("name", p.name());
                        project.putObject("domain").put("id", p.domainId())
                                .put("name", resources.findDomain(p.domainId()).map(Domain::name).orElse(null));
                    });
                }
                yield "/v3/projects/" + a.targetId();
            }
            case DOMAIN -> {
                ObjectNode domain = scope.putObject("domain").put("id", a.targetId());
                if (includeNames) {
                    resources.findDomain(a.targetId()).ifPresent(d -> domain.put("name", d.name()));
                }
                yield "/v3/domains/" + a.targetId();
            }
            case SYSTEM -> {
                scope.putObject("system").put("all", true);
                yield "/v3/system";
            }
        };
        if (a.inherited()) {
            scope.put("OS-INHERIT:inherited_to", "projects");
        }
        if (includeNames) {
            roles.find(a.roleId()).ifPresent(r -> {
                role.put("name", r.name());
                if (r.domainId() != null) {
                    role.putObject("domain").put("id", r.domainId());
                }
            });
            if (a.actorType() == ActorType.USER) {
                users.find(a.actorId()).ifPresent(u -> {
                    actor.put("name", u.name());
                    actor.putObject("domain").put("id", u.domainId())
                            .put("name", resources.findDomain(u.domainId()).map(Domain::name).orElse(null));
                });
            } else {
                users.findGroup(a.actorId()).ifPresent(g -> {
                    actor.put("name", g.name());
                    actor.putObject("domain").put("id", g.domainId())
                            .put("name", resources.findDomain(g.domainId()).map(Domain::name).orElse(null));
                });
            }
        }
        ObjectNode links = node.putObject("links");
        String actorPath = item.viaGroupId() != null ? "/groups/" + item.viaGroupId() : "/" + actorKey + "s/" + a.actorId();
        links.put("assignment", Views.url(request, targetPath + actorPath + "/roles/" + a.roleId()));
        if (item.viaGroupId() != null) {
            links.put("membership", Views.url(request, "/v3/groups/" + item.viaGroupId() + "/users/" + a.actorId()));
        }
        if (item.priorRoleId() != null) {
            links.put("prior_role", Views.url(request, "/v3/roles/" + item.priorRoleId()));
        }
        return node;
    }

    private Assignment assignment(Request request, String target, String actor, String roleId) {
        TargetType targetType = switch (target) {
            case "projects" -> TargetType.PROJECT;
            case "domains" -> TargetType.DOMAIN;
            default -> TargetType.SYSTEM;
        };
        return new Assignment(actor.equals("users") ? ActorType.USER : ActorType.GROUP, request.pathParam("actor_id"),
                targetType, targetType == TargetType.SYSTEM ? "all" : request.pathParam("target_id"), roleId, false);
    }

    private void checkExists(Assignment a) {
        if (a.actorType() == ActorType.USER) {
            users.find(a.actorId()).orElseThrow(() -> ApiException.notFound("Could not find user: " + a.actorId() + "."));
        } else {
            users.findGroup(a.actorId()).orElseThrow(() -> ApiException.notFound("Could not find group: " + a.actorId() + "."));
        }
        switch (a.targetType()) {
            case PROJECT -> resources.getProject(a.targetId());
            case DOMAIN -> resources.getDomain(a.targetId());
            case SYSTEM -> {
            }
        }
    }

    private Map<String, Object> grantTarget(Assignment a, Role role) {
        Map<String, Object> target = new HashMap<>();
        if (a.actorType() == ActorType.USER) {
            target.put("target.user.id", a.actorId());
            users.find(a.actorId()).map(User::domainId).ifPresent(d -> target.put("target.user.domain_id", d));
        } else {
            target.put("target.group.id", a.actorId());
            users.findGroup(a.actorId()).map(Group::domainId).ifPresent(d -> target.put("target.group.domain_id", d));
        }
        if (a.targetType() == TargetType.PROJECT) {
            target.put("target.project.id", a.targetId());
            resources.findProject(a.targetId()).map(Project::domainId).ifPresent(d -> target.put("target.project.domain_id", d));
        } else if (a.targetType() == TargetType.DOMAIN) {
            target.put("target.domain.id", a.targetId());
        }
        if (role != null) {
            target.put("target.role.id", role.id());
            target.put("target.role.name", role.name());
            target.put("target.role.domain_id", role.domainId());
        } else if (!a.roleId().isEmpty()) {
            target.put("target.role.domain_id", null);
        }
        return target;
    }

    private Role roleFor(Request request, String globalAction, String domainAction, String id) {
        Role role = roles.find(id).orElse(null);
        authorizer.enforce(request, role != null && role.domainId() != null ? domainAction : globalAction,
                targetRole(role, role == null ? null : role.domainId()));
        if (role == null) {
            throw ApiException.notFound("Could not find role: " + id + ".");
        }
        return role;
    }

    private static Map<String, Object> targetRole(Role role, String domainId) {
        Map<String, Object> target = new HashMap<>();
        target.put("target.role.domain_id", domainId);
        if (role != null) {
            target.put("target.role.id", role.id());
            target.put("target.role.name", role.name());
        }
        return target;
    }

    private static Map<String, Object> roleOptions(ObjectNode body, Map<String, Object> previous) {
        if (!body.has("options") || body.get("options").isNull()) {
            return previous;
        }
        if (!body.get("options").isObject()) {
            throw ApiException.badRequest("Invalid input for field 'options': it must be an object.");
        }
        Map<String, Object> options = new HashMap<>(previous);
        body.get("options").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("immutable")) {
                throw ApiException.badRequest("Invalid input for field 'options': unknown option " + e.getKey() + ".");
            }
            if (e.getValue().isNull()) {
                options.remove("immutable");
            } else if (!e.getValue().isBoolean()) {
                throw ApiException.badRequest("Invalid input for field 'options/immutable': it must be a boolean.");
            } else {
                options.put("immutable", e.getValue().asBoolean());
            }
        });
        return options;
    }
}
