package io.strato.identity.core;

import io.strato.identity.api.Domain;
import io.strato.identity.api.Project;
import io.strato.platform.db.Session;
import io.strato.platform.http.ApiException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Domains and projects: creation rules, the hierarchy, and what disabling or deleting revokes. */
public final class ResourceManager {
    public static final String DEFAULT_DOMAIN_ID = "default";

    private final IdentityData data;

    public ResourceManager(IdentityData data) {
        this.data = data;
    }

    public Domain createDomain(Domain domain) {
        return data.writeUnique("domain", "Duplicate entry found with name " + domain.name() + ".", s -> {
            if (data.resources.domainByName(s, domain.name()).isPresent()) {
                throw IdentityErrors.duplicate("domain", "Duplicate entry found with name " + domain.name() + ".");
            }
            data.resources.insertDomain(s, domain);
            return domain;
        });
    }

    public Domain updateDomain(Domain domain) {
        return data.writeUnique("domain", "Duplicate entry found with name " + domain.name() + ".", s -> {
            Domain before = requireDomain(s, domain.id());
            Optional<Domain> clash = data.resources.domainByName(s, domain.name());
            if (clash.isPresent() && !clash.get().id().equals(domain.id())) {
                throw IdentityErrors.duplicate("domain", "Duplicate entry found with name " + domain.name() + ".");
            }
            data.resources.updateDomain(s, domain);
            if (before.enabled() && !domain.enabled()) {
                data.revocations.revoke(s, Revocations.Kind.DOMAIN, domain.id());
                for (var user : data.users.users(s, domain.id(), null, null)) {
                    data.revocations.revoke(s, Revocations.Kind.USER, user.id());
                }
                for (Project project : data.resources.projects(s, domain.id(), null, null, null)) {
                    data.revocations.revoke(s, Revocations.Kind.PROJECT, project.id());
                }
            }
            return domain;
        });
    }

    /** Deletes a disabled domain with everything in it. */
    public void deleteDomain(String domainId) {
        data.write(s -> {
            Domain domain = requireDomain(s, domainId);
            if (domain.enabled()) {
                throw ApiException.forbidden("Cannot delete a domain that is enabled, please disable it first.");
            }
            List<Project> projects = new ArrayList<>(data.resources.projects(s, domainId, null, null, null));
            // delete leaves first
            while (!projects.isEmpty()) {
                for (Project project : List.copyOf(projects)) {
                    if (!data.resources.hasChildren(s, project.id())) {
                        deleteProjectRows(s, project.id());
                        projects.remove(project);
                    }
                }
            }
            for (var user : data.users.users(s, domainId, null, null)) {
                data.roles.deleteAssignmentsOfActor(s, user.id());
                data.credentials.deleteCredentialsOfUser(s, user.id());
                data.users.deleteUser(s, user.id());
            }
            for (var group : data.users.groups(s, domainId, null)) {
                data.roles.deleteAssignmentsOfActor(s, group.id());
                data.users.deleteGroup(s, group.id());
            }
            for (var role : data.roles.roles(s, domainId, null)) {
                data.roles.deleteRole(s, role.id());
            }
            data.roles.deleteAssignmentsOnTarget(s, domainId);
            data.resources.deleteDomain(s, domainId);
            data.revocations.revoke(s, Revocations.Kind.DOMAIN, domainId);
            return null;
        });
    }

    public Domain getDomain(String id) {
        return data.read(s -> requireDomain(s, id));
    }

    public Optional<Domain> findDomain(String id) {
        return data.read(s -> data.resources.domain(s, id));
    }

    public Optional<Domain> findDomainByName(String name) {
        return data.read(s -> data.resources.domainByName(s, name));
    }

    public List<Domain> listDomains() {
        return data.read(data.resources::domains);
    }

    public Domain requireDomain(Session s, String id) throws SQLException {
        return data.resources.domain(s, id).orElseThrow(() -> IdentityErrors.notFound("domain", id));
    }

    public Project createProject(Project project) {
        return data.writeUnique("project", duplicateProject(project), s -> {
            requireDomain(s, project.domainId());
            if (project.parentId() != null) {
                Project parent = data.resources.project(s, project.parentId())
                        .orElseThrow(() -> IdentityErrors.notFound("project", project.parentId()));
                if (!parent.domainId().equals(project.domainId())) {
                    throw ApiException.badRequest("Cannot create project, the parent (" + parent.id()
                            + ") is in a different domain (" + parent.domainId() + ").");
                }
                if (depth(s, parent) + 1 >= 10) {
                    throw ApiException.forbidden("Max hierarchy depth reached for " + parent.id() + " branch.");
                }
            }
            if (data.resources.projectByName(s, project.domainId(), project.name()).isPresent()) {
                throw IdentityErrors.duplicate("project", duplicateProject(project));
            }
            data.resources.insertProject(s, project);
            return project;
        });
    }

    public Project updateProject(Project project) {
        return data.writeUnique("project", duplicateProject(project), s -> {
            Project before = requireProject(s, project.id());
            Optional<Project> clash = data.resources.projectByName(s, project.domainId(), project.name());
            if (clash.isPresent() && !clash.get().id().equals(project.id())) {
                throw IdentityErrors.duplicate("project", duplicateProject(project));
            }
            data.resources.updateProject(s, project);
            if (before.enabled() && !project.enabled()) {
                data.revocations.revoke(s, Revocations.Kind.PROJECT, project.id());
            }
            return project;
        });
    }

    public void deleteProject(String projectId) {
        data.write(s -> {
            requireProject(s, projectId);
            if (data.resources.hasChildren(s, projectId)) {
                throw ApiException.forbidden("Cannot delete the project " + projectId
                        + " since it is not a leaf in the hierarchy.");
            }
            deleteProjectRows(s, projectId);
            return null;
        });
    }

    public Project getProject(String id) {
        return data.read(s -> requireProject(s, id));
    }

    public Optional<Project> findProject(String id) {
        return data.read(s -> data.resources.project(s, id));
    }

    public Optional<Project> findProjectByName(String domainId, String name) {
        return data.read(s -> data.resources.projectByName(s, domainId, name));
    }

    public List<Project> listProjects(String domainId, String parentId, String name, Boolean enabled) {
        return data.read(s -> data.resources.projects(s, domainId, parentId, name, enabled));
    }

    public Project requireProject(Session s, String id) throws SQLException {
        return data.resources.project(s, id).orElseThrow(() -> IdentityErrors.notFound("project", id));
    }

    /** The project's ancestors, nearest first. */
    public List<Project> parents(String projectId) {
        return data.read(s -> {
            List<Project> result = new ArrayList<>();
            Project current = requireProject(s, projectId);
            while (current.parentId() != null && result.size() < 64) {
                current = requireProject(s, current.parentId());
                result.add(current);
            }
            return result;
        });
    }

    /** All projects below the given one. */
    public List<Project> subtree(String projectId) {
        return data.read(s -> {
            List<Project> result = new ArrayList<>();
            List<String> frontier = List.of(projectId);
            while (!frontier.isEmpty() && result.size() < 10_000) {
                List<String> next = new ArrayList<>();
                for (String id : frontier) {
                    for (Project child : data.resources.projects(s, null, id, null, null)) {
                        result.add(child);
                        next.add(child.id());
                    }
                }
                frontier = next;
            }
            return result;
        });
    }

    private void deleteProjectRows(Session s, String projectId) throws SQLException {
        data.roles.deleteAssignmentsOnTarget(s, projectId);
        data.resources.deleteProject(s, projectId);
        data.revocations.revoke(s, Revocations.Kind.PROJECT, projectId);
    }

    private int depth(Session s, Project project) throws SQLException {
        int depth = 0;
        Project current = project;
        while (current.parentId() != null && depth < 64) {
            current = requireProject(s, current.parentId());
            depth++;
        }
        return depth;
    }

    private static String duplicateProject(Project project) {
        return "Duplicate entry found with name " + project.name() + " at domain ID " + project.domainId() + ".";
    }
}
