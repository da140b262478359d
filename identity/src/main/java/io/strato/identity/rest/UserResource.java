package io.strato.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.identity.api.Assignment;
import io.strato.identity.api.Group;
import io.strato.identity.api.Project;
import io.strato.identity.api.User;
import io.strato.identity.core.Ids;
import io.strato.identity.core.ResourceManager;
import io.strato.identity.core.RoleAssignments;
import io.strato.identity.core.UserManager;
import io.strato.platform.auth.AuthContext;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v3/users} and {@code /v3/groups}: users, passwords, groups and membership. */
final class UserResource {
    private static final Set<String> USER_FIELDS = Set.of("id", "name", "domain_id", "enabled", "password",
            "default_project_id", "description", "options", "links", "password_expires_at", "federated");
    private static final Set<String> GROUP_FIELDS = Set.of("id", "name", "domain_id", "description", "links");
    private static final Set<String> USER_OPTIONS = Set.of("ignore_change_password_upon_first_use",
            "ignore_password_expiry", "ignore_lockout_failure_attempts", "lock_password", "multi_factor_auth_rules",
            "multi_factor_auth_enabled");

    private final UserManager users;
    private final ResourceManager resources;
    private final RoleAssignments assignments;
    private final Authorizer authorizer;

    UserResource(UserManager users, ResourceManager resources, RoleAssignments assignments, Authorizer authorizer) {
        this.users = users;
        this.resources = resources;
        this.assignments = assignments;
        this.authorizer = authorizer;
    }

    void register(Router router) {
        router.post("/v3/users", this::createUser);
        router.get("/v3/users", this::listUsers);
        router.get("/v3/users/{user_id}", this::getUser);
        router.patch("/v3/users/{user_id}", this::updateUser);
        router.delete("/v3/users/{user_id}", this::deleteUser);
        router.add("POST", "/v3/users/{user_id}/password", this::changePassword, true);
        router.get("/v3/users/{user_id}/groups", this::groupsOfUser);
        router.get("/v3/users/{user_id}/projects", this::projectsOfUser);
        router.post("/v3/groups", this::createGroup);
        router.get("/v3/groups", this::listGroups);
        router.get("/v3/groups/{group_id}", this::getGroup);
        router.patch("/v3/groups/{group_id}", this::updateGroup);
        router.delete("/v3/groups/{group_id}", this::deleteGroup);
        router.get("/v3/groups/{group_id}/users", this::members);
        router.put("/v3/groups/{group_id}/users/{user_id}", this::addMember);
        router.head("/v3/groups/{group_id}/users/{user_id}", this::checkMember);
        router.get("/v3/groups/{group_id}/users/{user_id}", this::checkMember);
        router.delete("/v3/groups/{group_id}/users/{user_id}", this::removeMember);
    }

    private Response createUser(Request request) {
        ObjectNode body = Bodies.entity(request, "user");
        String name = Bodies.name(body, "name", true, 255);
        String domainId = Bodies.nullableString(body, "domain_id", 64);
        AuthContext auth = request.auth();
        if (domainId == null) {
            domainId = auth.domainId() != null ? auth.domainId()
                    : auth.projectDomainId() != null ? auth.projectDomainId() : ResourceManager.DEFAULT_DOMAIN_ID;
        }
        authorizer.enforce(request, "identity:create_user", Authorizer.target("target.user.domain_id", domainId));
        String password = password(body);
        String defaultProject = Bodies.nullableString(body, "default_project_id", 64);
        checkDefaultProject(defaultProject, domainId);
        User user = new User(Ids.newId(), name, domainId, orTrue(Bodies.bool(body, "enabled")), defaultProject,
                Bodies.nullableString(body, "description", 65535), Bodies.extra(body, USER_FIELDS, null),
                options(body, Map.of()), null);
        return Response.json(201, Views.wrap("user", Views.user(request, users.create(user, password))));
    }

    private Response listUsers(Request request) {
        AuthContext auth = request.auth();
        String domainId = request.queryParam("domain_id").orElse(null);
        if (auth.domainId() != null && !auth.systemScope() && domainId == null) {
            domainId = auth.domainId();
        }
        authorizer.enforce(request, "identity:list_users", Authorizer.target("target.domain_id", domainId,
                "domain_id", domainId));
        String name = request.queryParam("name").orElse(null);
        Boolean enabled = request.queryParam("enabled").map(DirectoryResource::flag).orElse(null);
        List<User> list = users.list(domainId, name, enabled);
        return Response.ok(Views.collection(request, "users", list, u -> Views.user(request, u)));
    }

    private Response getUser(Request request) {
        User user = userFor(request, "identity:get_user", request.pathParam("user_id"));
        return Response.ok(Views.wrap("user", Views.user(request, user)));
    }

    private Response updateUser(Request request) {
        String id = request.pathParam("user_id");
        User before = userFor(request, "identity:update_user", id);
        ObjectNode body = Bodies.entity(request, "user");
        if (body.has("id") && !id.equals(body.path("id").asText())) {
            throw ApiException.badRequest("Cannot change user ID.");
        }
        if (body.has("domain_id") && !before.domainId().equals(body.path("domain_id").asText())) {
            throw ApiException.badRequest("Cannot change Domain ID.");
        }
        String name = Bodies.name(body, "name", false, 255);
        Boolean enabled = Bodies.bool(body, "enabled");
        String defaultProject = body.has("default_project_id")
                ? Bodies.nullableString(body, "default_project_id", 64) : before.defaultProjectId();
        if (body.has("default_project_id")) {
            checkDefaultProject(defaultProject, before.domainId());
        }
        String password = body.has("password") ? password(body) : null;
        User after = new User(id, name == null ? before.name() : name, before.domainId(),
                enabled == null ? before.enabled() : enabled, defaultProject,
                body.has("description") ? Bodies.nullableString(body, "description", 65535) : before.description(),
                Bodies.extra(body, USER_FIELDS, before.extra()), options(body, before.options()), null);
        return Response.ok(Views.wrap("user", Views.user(request, users.update(after, password))));
    }

    private Response deleteUser(Request request) {
        String id = request.pathParam("user_id");
        userFor(request, "identity:delete_user", id);
        users.delete(id);
        return Response.empty(204);
    }

    private Response changePassword(Request request) {
        String id = request.pathParam("user_id");
        ObjectNode body = Bodies.entity(request, "user");
        String original = Bodies.string(body, "original_password", true, 4096);
        String password = Bodies.string(body, "password", true, 4096);
        users.changePassword(id, original, password);
        return Response.empty(204);
    }

    private Response groupsOfUser(Request request) {
        String id = request.pathParam("user_id");
        User user = users.find(id).orElse(null);
        authorizer.enforce(request, "identity:list_groups_for_user", Authorizer.target("user_id", id,
                "target.user.id", id, "target.user.domain_id", user == null ? null : user.domainId()));
        if (user == null) {
            throw ApiException.notFound("Could not find user: " + id + ".");
        }
        List<Group> groups = users.groupsOf(id);
        return Response.ok(Views.collection(request, "groups", groups, g -> Views.group(request, g)));
    }

    private Response projectsOfUser(Request request) {
        String id = request.pathParam("user_id");
        User user = users.find(id).orElse(null);
        authorizer.enforce(request, "identity:list_user_projects", Authorizer.target("user_id", id,
                "target.user.id", id, "target.user.domain_id", user == null ? null : user.domainId()));
        if (user == null) {
            throw ApiException.notFound("Could not find user: " + id + ".");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Assignment a : assignments.forUser(id, Assignment.TargetType.PROJECT)) {
            ids.add(a.targetId());
        }
        List<Project> projects = new ArrayList<>();
        for (String projectId : ids) {
            resources.findProject(projectId).ifPresent(projects::add);
        }
        return Response.ok(Views.collection(request, "projects", projects, p -> Views.project(request, p)));
    }

    private Response createGroup(Request request) {
        ObjectNode body = Bodies.entity(request, "group");
        String name = Bodies.name(body, "name", true, 64);
        String domainId = Bodies.nullableString(body, "domain_id", 64);
        AuthContext auth = request.auth();
        if (domainId == null) {
            domainId = auth.domainId() != null ? auth.domainId()
                    : auth.projectDomainId() != null ? auth.projectDomainId() : ResourceManager.DEFAULT_DOMAIN_ID;
        }
        authorizer.enforce(request, "identity:create_group", Authorizer.target("target.group.domain_id", domainId));
        Group group = new Group(Ids.newId(), name, domainId, Bodies.nullableString(body, "description", 65535),
                Bodies.extra(body, GROUP_FIELDS, null));
        return Response.json(201, Views.wrap("group", Views.group(request, users.createGroup(group))));
    }

    private Response listGroups(Request request) {
        AuthContext auth = request.auth();
        String domainId = request.queryParam("domain_id").orElse(null);
        if (auth.domainId() != null && !auth.systemScope() && domainId == null) {
            domainId = auth.domainId();
        }
        authorizer.enforce(request, "identity:list_groups", Authorizer.target("target.domain_id", domainId,
                "target.group.domain_id", domainId, "domain_id", domainId));
        List<Group> groups = users.listGroups(domainId, request.queryParam("name").orElse(null));
        return Response.ok(Views.collection(request, "groups", groups, g -> Views.group(request, g)));
    }

    private Response getGroup(Request request) {
        Group group = groupFor(request, "identity:get_group", request.pathParam("group_id"));
        return Response.ok(Views.wrap("group", Views.group(request, group)));
    }

    private Response updateGroup(Request request) {
        String id = request.pathParam("group_id");
        Group before = groupFor(request, "identity:update_group", id);
        ObjectNode body = Bodies.entity(request, "group");
        if (body.has("domain_id") && !before.domainId().equals(body.path("domain_id").asText())) {
            throw ApiException.badRequest("Cannot change Domain ID.");
        }
        String name = Bodies.name(body, "name", false, 64);
        Group after = new Group(id, name == null ? before.name() : name, before.domainId(),
                body.has("description") ? Bodies.nullableString(body, "description", 65535) : before.description(),
                Bodies.extra(body, GROUP_FIELDS, before.extra()));
        return Response.ok(Views.wrap("group", Views.group(request, users.updateGroup(after))));
    }

    private Response deleteGroup(Request request) {
        String id = request.pathParam("group_id");
        groupFor(request, "identity:delete_group", id);
        users.deleteGroup(id);
        return Response.empty(204);
    }

    private Response members(Request request) {
        Group group = groupFor(request, "identity:list_users_in_group", request.pathParam("group_id"));
        List<User> members = users.members(group.id());
        return Response.ok(Views.collection(request, "users", members, u -> Views.user(request, u)));
    }

    private Response addMember(Request request) {
        Group group = membershipFor(request, "identity:add_user_to_group");
        users.addMember(group.id(), request.pathParam("user_id"));
        return Response.empty(204);
    }

    private Response checkMember(Request request) {
        Group group = membershipFor(request, "identity:check_user_in_group");
        String userId = request.pathParam("user_id");
        if (!users.isMember(group.id(), userId)) {
            throw ApiException.notFound("User " + userId + " is not a member of group " + group.id() + ".");
        }
        return Response.empty(204);
    }

    private Response removeMember(Request request) {
        Group group = membershipFor(request, "identity:remove_user_from_group");
        users.removeMember(group.id(), request.pathParam("user_id"));
        return Response.empty(204);
    }

    private Group membershipFor(Request request, String action) {
        String groupId = request.pathParam("group_id");
        String userId = request.pathParam("user_id");
        Group group = users.findGroup(groupId).orElse(null);
        User user = users.find(userId).orElse(null);
        authorizer.enforce(request, action, Authorizer.target("target.group.domain_id",
                group == null ? null : group.domainId(), "target.user.domain_id", user == null ? null : user.domainId(),
                "target.group.id", groupId, "target.user.id", userId));
        if (group == null) {
            throw ApiException.notFound("Could not find group: " + groupId + ".");
        }
        if (user == null) {
            throw ApiException.notFound("Could not find user: " + userId + ".");
        }
        return group;
    }

    private User userFor(Request request, String action, String id) {
        User user = users.find(id).orElse(null);
        authorizer.enforce(request, action, Authorizer.target("target.user.id", id, "target.user.domain_id",
                user == null ? null : user.domainId()));
        if (user == null) {
            throw ApiException.notFound("Could not find user: " + id + ".");
        }
        return user;
    }

    private Group groupFor(Request request, String action, String id) {
        Group group = users.findGroup(id).orElse(null);
        authorizer.enforce(request, action, Authorizer.target("target.group.id", id, "target.group.domain_id",
                group == null ? null : group.domainId()));
        if (group == null) {
            throw ApiException.notFound("Could not find group: " + id + ".");
        }
        return group;
    }

    private void checkDefaultProject(String projectId, String domainId) {
        if (projectId == null) {
            return;
        }
        Project project = resources.findProject(projectId).orElse(null);
        if (project != null && !project.domainId().equals(domainId)) {
            throw ApiException.badRequest("The default project must be in the user's domain.");
        }
    }

    private static String password(ObjectNode body) {
        JsonNode node = body.get("password");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("Invalid input for field 'password': the password must be a string.");
        }
        if (node.asText().length() > 4096) {
            throw ApiException.badRequest("Invalid input for field 'password': the password is too long.");
        }
        return node.asText();
    }

    private static Map<String, Object> options(ObjectNode body, Map<String, Object> previous) {
        JsonNode node = body.get("options");
        if (node == null || node.isNull()) {
            return previous;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("Invalid input for field 'options': it must be an object.");
        }
        Map<String, Object> options = new LinkedHashMap<>(previous);
        node.fields().forEachRemaining(e -> {
            if (!USER_OPTIONS.contains(e.getKey())) {
                throw ApiException.badRequest("Invalid input for field 'options': unknown option " + e.getKey() + ".");
            }
            if (e.getValue().isNull()) {
                options.remove(e.getKey());
            } else {
                options.put(e.getKey(), Json.mapper().convertValue(e.getValue(), Object.class));
            }
        });
        return options;
    }

    private static boolean orTrue(Boolean value) {
        return value == null || value;
    }
}
