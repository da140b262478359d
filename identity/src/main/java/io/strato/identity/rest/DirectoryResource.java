package io.strato.identity.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.identity.api.Domain;
import io.strato.identity.api.Project;
import io.strato.identity.core.Ids;
import io.strato.identity.core.ResourceManager;
import io.strato.identity.core.UserManager;
import io.strato.platform.auth.AuthContext;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /v3/domains} and {@code /v3/projects}, with project tags and the hierarchy. */
final class DirectoryResource {
    private static final Set<String> DOMAIN_FIELDS = Set.of("id", "name", "description", "enabled", "links", "tags",
            "explicit_domain_id", "options");
    private static final Set<String> PROJECT_FIELDS = Set.of("id", "name", "description", "enabled", "links",
            "domain_id", "parent_id", "is_domain", "tags", "options");

    private final ResourceManager resources;
    private final UserManager users;
    private final Authorizer authorizer;

    DirectoryResource(ResourceManager resources, UserManager users, Authorizer authorizer) {
        this.resources = resources;
        this.users = users;
        this.authorizer = authorizer;
    }

    void register(Router router) {
        router.post("/v3/domains", this::createDomain);
        router.get("/v3/domains", this::listDomains);
        router.get("/v3/domains/{domain_id}", this::getDomain);
        router.patch("/v3/domains/{domain_id}", this::updateDomain);
        router.delete("/v3/domains/{domain_id}", this::deleteDomain);
        router.get("/v3/domains/{domain_id}/config/security_compliance", this::securityCompliance);
        router.get("/v3/domains/{domain_id}/config/security_compliance/{option}", this::securityComplianceOption);
        router.post("/v3/projects", this::createProject);
        router.get("/v3/projects", this::listProjects);
        router.get("/v3/projects/{project_id}", this::getProject);
        router.patch("/v3/projects/{project_id}", this::updateProject);
        router.delete("/v3/projects/{project_id}", this::deleteProject);
        router.get("/v3/projects/{project_id}/tags", this::listTags);
        router.put("/v3/projects/{project_id}/tags", this::replaceTags);
        router.delete("/v3/projects/{project_id}/tags", this::deleteTags);
        router.get("/v3/projects/{project_id}/tags/{tag}", this::checkTag);
        router.put("/v3/projects/{project_id}/tags/{tag}", this::addTag);
        router.delete("/v3/projects/{project_id}/tags/{tag}", this::deleteTag);
    }

    private Response createDomain(Request request) {
        authorizer.enforce(request, "identity:create_domain");
        ObjectNode body = Bodies.entity(request, "domain");
        String name = Bodies.name(body, "name", true, 64);
        String id = Bodies.string(body, "explicit_domain_id", false, 64);
        Domain domain = new Domain(id == null ? Ids.newId() : id, name, orTrue(Bodies.bool(body, "enabled")),
                Bodies.nullableString(body, "description", 65535), Bodies.extra(body, DOMAIN_FIELDS, null));
        return Response.json(201, Views.wrap("domain", Views.domain(request, resources.createDomain(domain))));
    }

    private Response listDomains(Request request) {
        authorizer.enforce(request, "identity:list_domains");
        String name = request.queryParam("name").orElse(null);
        Boolean enabled = request.queryParam("enabled").map(DirectoryResource::flag).orElse(null);
        List<Domain> domains = resources.listDomains().stream()
                .filter(d -> name == null || d.name().equals(name))
                .filter(d -> enabled == null || d.enabled() == enabled).toList();
        return Response.ok(Views.collection(request, "domains", domains, d -> Views.domain(request, d)));
    }

    private Response getDomain(Request request) {
        String id = request.pathParam("domain_id");
        authorizer.enforce(request, "identity:get_domain", Authorizer.target("target.domain.id", id));
        return Response.ok(Views.wrap("domain", Views.domain(request, resources.getDomain(id))));
    }

    private Response updateDomain(Request request) {
        String id = request.pathParam("domain_id");
        authorizer.enforce(request, "identity:update_domain", Authorizer.target("target.domain.id", id));
        ObjectNode body = Bodies.entity(request, "domain");
        rejectIdChange(body, id);
        Domain before = resources.getDomain(id);
        String name = Bodies.name(body, "name", false, 64);
        Boolean enabled = Bodies.bool(body, "enabled");
        if (id.equals(ResourceManager.DEFAULT_DOMAIN_ID) && Boolean.FALSE.equals(enabled)) {
            throw ApiException.forbidden("The default domain cannot be disabled.");
        }
        Domain after = new Domain(id, name == null ? before.name() : name, enabled == null ? before.enabled() : enabled,
                body.has("description") ? Bodies.nullableString(body, "description", 65535) : before.description(),
                Bodies.extra(body, DOMAIN_FIELDS, before.extra()));
        return Response.ok(Views.wrap("domain", Views.domain(request, resources.updateDomain(after))));
    }

    private Response deleteDomain(Request request) {
        String id = request.pathParam("domain_id");
        authorizer.enforce(request, "identity:delete_domain", Authorizer.target("target.domain.id", id));
        if (id.equals(ResourceManager.DEFAULT_DOMAIN_ID)) {
            throw ApiException.forbidden("The default domain cannot be deleted.");
        }
        resources.deleteDomain(id);
        return Response.empty(204);
    }

    private Response securityCompliance(Request request) {
        String id = request.pathParam("domain_id");
        authorizer.enforce(request, "identity:get_security_compliance_domain_config", Authorizer.target("target.domain.id", id));
        if (!id.equals(ResourceManager.DEFAULT_DOMAIN_ID)) {
            resources.getDomain(id);
            throw ApiException.forbidden("Reading security compliance information for any domain other than the "
                    + "default domain is not allowed or supported.");
        }
        ObjectNode config = Json.object();
        config.put("password_regex", users.compliance().passwordRegex() == null ? null
                : users.compliance().passwordRegex().pattern());
        config.put("password_regex_description", users.compliance().passwordRegexDescription().isEmpty() ? null
                : users.compliance().passwordRegexDescription());
        return Response.ok(Views.wrap("config", config));
    }

    private Response securityComplianceOption(Request request) {
        ObjectNode all = (ObjectNode) Json.parse(new String(securityCompliance(request).body(),
                java.nio.charset.StandardCharsets.UTF_8)).get("config");
        String option = request.pathParam("option");
        if (!all.has(option)) {
            throw ApiException.forbidden("Reading security compliance option " + option + " is not allowed or supported.");
        }
        ObjectNode body = Json.object();
        body.set(option, all.get(option));
        return Response.ok(Views.wrap("config", body));
    }

    private Response createProject(Request request) {
        ObjectNode body = Bodies.entity(request, "project");
        String name = Bodies.name(body, "name", true, 64);
        String parentId = Bodies.nullableString(body, "parent_id", 64);
        if (Boolean.TRUE.equals(Bodies.bool(body, "is_domain"))) {
            // A project acting as a domain is a domain, seen through the projects API.
            if (Bodies.nullableString(body, "domain_id", 64) != null || parentId != null) {
                throw ApiException.badRequest("A project acting as a domain cannot have a domain_id or a parent_id.");
            }
            authorizer.enforce(request, "identity:create_domain");
            Domain domain = resources.createDomain(new Domain(Ids.newId(), name, orTrue(Bodies.bool(body, "enabled")),
                    Bodies.nullableString(body, "description", 65535), Bodies.extra(body, PROJECT_FIELDS, null)));
            return Response.json(201, Views.wrap("project", Views.domainAsProject(request, domain)));
        }
        String domainId = Bodies.nullableString(body, "domain_id", 64);
        AuthContext auth = request.auth();
        if (parentId != null && domainId == null) {
            domainId = resources.findProject(parentId).map(Project::domainId).orElse(null);
        }
        if (parentId != null && parentId.equals(domainId)) {
            parentId = null;
        }
        if (domainId == null) {
            domainId = auth.domainId() != null ? auth.domainId()
                    : auth.projectDomainId() != null ? auth.projectDomainId() : ResourceManager.DEFAULT_DOMAIN_ID;
        }
        List<String> tags = Bodies.strings(body, "tags", 255);
        Project project = new Project(Ids.newId(), name, domainId, parentId, orTrue(Bodies.bool(body, "enabled")),
                Bodies.nullableString(body, "description", 65535), tags == null ? List.of() : checkTags(tags),
                Bodies.extra(body, PROJECT_FIELDS, null));
        authorizer.enforce(request, "identity:create_project", Authorizer.target("target.project.domain_id", domainId));
        return Response.json(201, Views.wrap("project", Views.project(request, resources.createProject(project))));
    }

    private Response listProjects(Request request) {
        AuthContext auth = request.auth();
        String domainId = request.queryParam("domain_id").orElse(null);
        if (auth.domainId() != null && !auth.systemScope() && domainId == null) {
            domainId = auth.domainId();
        }
        authorizer.enforce(request, "identity:list_projects", Authorizer.target("target.domain_id", domainId,
                "domain_id", domainId));
        String parentId = request.queryParam("parent_id").orElse(null);
        String name = request.queryParam("name").orElse(null);
        Boolean enabled = request.queryParam("enabled").map(DirectoryResource::flag).orElse(null);
        if (request.queryParam("is_domain").map(DirectoryResource::flag).orElse(false)) {
            List<Domain> domains = resources.listDomains().stream().filter(d -> name == null || d.name().equals(name))
                    .filter(d -> enabled == null || d.enabled() == enabled).toList();
            return Response.ok(Views.collection(request, "projects", domains, d -> Views.domainAsProject(request, d)));
        }
        List<Project> projects = filterTags(request, resources.listProjects(domainId, parentId, name, enabled));
        return Response.ok(Views.collection(request, "projects", projects, p -> Views.project(request, p)));
    }

    private Response getProject(Request request) {
        String id = request.pathParam("project_id");
        Project project = resources.findProject(id).orElse(null);
        authorizer.enforce(request, "identity:get_project", Authorizer.target("target.project.id", id,
                "target.project.domain_id", project == null ? null : project.domainId()));
        if (project == null) {
            return resources.findDomain(id).map(d -> Response.ok(Views.wrap("project", Views.domainAsProject(request, d))))
                    .orElseThrow(() -> ApiException.notFound("Could not find project: " + id + "."));
        }
        ObjectNode view = Views.project(request, project);
        if (request.queryParam("parents_as_list").isPresent()) {
            var parents = view.putArray("parents");
            resources.parents(id).forEach(p -> parents.addObject().set("project", Views.project(request, p)));
        }
        if (request.queryParam("subtree_as_list").isPresent()) {
            var subtree = view.putArray("subtree");
            resources.subtree(id).forEach(p -> subtree.addObject().set("project", Views.project(request, p)));
        }
        if (request.queryParam("parents_as_ids").isPresent()) {
            ObjectNode parents = view.putObject("parents");
            ObjectNode current = parents;
            for (Project p : resources.parents(id)) {
                current = current.putObject(p.id());
            }
        }
        if (request.queryParam("subtree_as_ids").isPresent()) {
            ObjectNode subtree = view.putObject("subtree");
            for (Project p : resources.listProjects(null, id, null, null)) {
                subtree.putNull(p.id());
            }
        }
        return Response.ok(Views.wrap("project", view));
    }

    private Response updateProject(Request request) {
        String id = request.pathParam("project_id");
        Optional<Domain> actingDomain = domainActingAsProject(request, "identity:update_domain", id);
        if (actingDomain.isPresent()) {
            ObjectNode body = Bodies.entity(request, "project");
            Domain before = actingDomain.get();
            String name = Bodies.name(body, "name", false, 64);
            Boolean enabled = Bodies.bool(body, "enabled");
            Domain after = new Domain(id, name == null ? before.name() : name, enabled == null ? before.enabled() : enabled,
                    body.has("description") ? Bodies.nullableString(body, "description", 65535) : before.description(),
                    before.extra());
            return Response.ok(Views.wrap("project", Views.domainAsProject(request, resources.updateDomain(after))));
        }
        Project before = projectFor(request, "identity:update_project", id);
        ObjectNode body = Bodies.entity(request, "project");
        rejectIdChange(body, id);
        if (body.has("domain_id") && !before.domainId().equals(body.path("domain_id").asText())) {
            throw ApiException.badRequest("Update of `domain_id` is not allowed.");
        }
        if (body.has("parent_id") && !java.util.Objects.equals(body.path("parent_id").asText(null),
                before.parentId() == null ? before.domainId() : before.parentId())) {
            throw ApiException.forbidden("Update of `parent_id` is not allowed.");
        }
        if (body.has("is_domain") && Boolean.TRUE.equals(Bodies.bool(body, "is_domain"))) {
            throw ApiException.badRequest("Update of `is_domain` is not allowed.");
        }
        String name = Bodies.name(body, "name", false, 64);
        Boolean enabled = Bodies.bool(body, "enabled");
        List<String> tags = Bodies.strings(body, "tags", 255);
        Project after = new Project(id, name == null ? before.name() : name, before.domainId(), before.parentId(),
                enabled == null ? before.enabled() : enabled,
                body.has("description") ? Bodies.nullableString(body, "description", 65535) : before.description(),
                tags == null ? before.tags() : checkTags(tags), Bodies.extra(body, PROJECT_FIELDS, before.extra()));
        return Response.ok(Views.wrap("project", Views.project(request, resources.updateProject(after))));
    }

    private Response deleteProject(Request request) {
        String id = request.pathParam("project_id");
        if (domainActingAsProject(request, "identity:delete_domain", id).isPresent()) {
            resources.deleteDomain(id);
            return Response.empty(204);
        }
        projectFor(request, "identity:delete_project", id);
        resources.deleteProject(id);
        return Response.empty(204);
    }

    private Response listTags(Request request) {
        Project project = projectFor(request, "identity:list_project_tags", request.pathParam("project_id"));
        ObjectNode body = Json.object();
        var tags = body.putArray("tags");
        project.tags().forEach(tags::add);
        return Response.ok(body);
    }

    private Response replaceTags(Request request) {
        Project project = projectFor(request, "identity:update_project_tags", request.pathParam("project_id"));
        List<String> tags = Bodies.strings(request.jsonObject(), "tags", 255);
        if (tags == null) {
            throw ApiException.badRequest("'tags' is a required property");
        }
        Project updated = resources.updateProject(withTags(project, checkTags(tags)));
        ObjectNode body = Json.object();
        var array = body.putArray("tags");
        updated.tags().forEach(array::add);
        return Response.ok(body);
    }

    private Response deleteTags(Request request) {
        Project project = projectFor(request, "identity:delete_project_tags", request.pathParam("project_id"));
        resources.updateProject(withTags(project, List.of()));
        return Response.empty(204);
    }

    private Response checkTag(Request request) {
        Project project = projectFor(request, "identity:get_project_tag", request.pathParam("project_id"));
        String tag = request.pathParam("tag");
        if (!project.tags().contains(tag)) {
            throw ApiException.notFound("Could not find project tag: " + tag + ".");
        }
        return Response.empty(204);
    }

    private Response addTag(Request request) {
        Project project = projectFor(request, "identity:create_project_tag", request.pathParam("project_id"));
        String tag = request.pathParam("tag");
        List<String> tags = new ArrayList<>(project.tags());
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
        resources.updateProject(withTags(project, checkTags(tags)));
        return Response.empty(201).header("Location", Views.url(request, request.path()));
    }

    private Response deleteTag(Request request) {
        Project project = projectFor(request, "identity:delete_project_tag", request.pathParam("project_id"));
        String tag = request.pathParam("tag");
        if (!project.tags().contains(tag)) {
            throw ApiException.notFound("Could not find project tag: " + tag + ".");
        }
        List<String> tags = new ArrayList<>(project.tags());
        tags.remove(tag);
        resources.updateProject(withTags(project, tags));
        return Response.empty(204);
    }

    /** A domain addressed through the projects API (a project acting as a domain), after policy. */
    private Optional<Domain> domainActingAsProject(Request request, String action, String id) {
        if (resources.findProject(id).isPresent()) {
            return Optional.empty();
        }
        Optional<Domain> domain = resources.findDomain(id);
        if (domain.isPresent()) {
            authorizer.enforce(request, action, Authorizer.target("target.domain.id", id));
            if (id.equals(ResourceManager.DEFAULT_DOMAIN_ID)) {
                throw ApiException.forbidden("The default domain cannot be changed through the projects API.");
            }
        }
        return domain;
    }

    private Project projectFor(Request request, String action, String id) {
        Project project = resources.findProject(id).orElse(null);
        authorizer.enforce(request, action, Authorizer.target("target.project.id", id, "target.project.domain_id",
                project == null ? null : project.domainId()));
        if (project == null) {
            throw ApiException.notFound("Could not find project: " + id + ".");
        }
        return project;
    }

    private static List<Project> filterTags(Request request, List<Project> projects) {
        List<String> all = request.queryParam("tags").map(t -> List.of(t.split(","))).orElse(null);
        List<String> any = request.queryParam("tags-any").map(t -> List.of(t.split(","))).orElse(null);
        List<String> notAll = request.queryParam("not-tags").map(t -> List.of(t.split(","))).orElse(null);
        List<String> notAny = request.queryParam("not-tags-any").map(t -> List.of(t.split(","))).orElse(null);
        return projects.stream()
                .filter(p -> all == null || p.tags().containsAll(all))
                .filter(p -> any == null || any.stream().anyMatch(p.tags()::contains))
                .filter(p -> notAll == null || !p.tags().containsAll(notAll))
                .filter(p -> notAny == null || notAny.stream().noneMatch(p.tags()::contains))
                .toList();
    }

    private static List<String> checkTags(List<String> tags) {
        if (tags.size() > 80) {
            throw ApiException.badRequest("A project may have at most 80 tags.");
        }
        for (String tag : tags) {
            if (tag.contains(",") || tag.contains("/")) {
                throw ApiException.badRequest("Invalid project tag " + tag + ": tags may not contain ',' or '/'.");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(tags));
    }

    private static Project withTags(Project p, List<String> tags) {
        return new Project(p.id(), p.name(), p.domainId(), p.parentId(), p.enabled(), p.description(), tags, p.extra());
    }

    private static void rejectIdChange(ObjectNode body, String id) {
        if (body.has("id") && !id.equals(body.path("id").asText())) {
            throw ApiException.badRequest("Cannot change ID.");
        }
    }

    static boolean flag(String value) {
        return switch (value.toLowerCase()) {
            case "", "true", "1", "yes", "on" -> true;
            default -> false;
        };
    }

    private static boolean orTrue(Boolean value) {
        return value == null || value;
    }
}
