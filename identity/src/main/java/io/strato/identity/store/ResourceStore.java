package io.strato.identity.store;

import io.strato.identity.api.Domain;
import io.strato.identity.api.Project;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Domains, projects and project tags. */
public final class ResourceStore {
    public void insertDomain(Session s, Domain d) throws SQLException {
        s.update("INSERT INTO identity_domain (id, name, enabled, description, extra, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                d.id(), d.name(), d.enabled(), d.description(), JsonColumns.text(d.extra()), java.time.Instant.now());
    }

    public void updateDomain(Session s, Domain d) throws SQLException {
        s.update("UPDATE identity_domain SET name = ?, enabled = ?, description = ?, extra = ? WHERE id = ?",
                d.name(), d.enabled(), d.description(), JsonColumns.text(d.extra()), d.id());
    }

    public void deleteDomain(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_domain WHERE id = ?", id);
    }

    public Optional<Domain> domain(Session s, String id) throws SQLException {
        return s.one("SELECT * FROM identity_domain WHERE id = ?", ResourceStore::domainRow, id);
    }

    public Optional<Domain> domainByName(Session s, String name) throws SQLException {
        return s.one("SELECT * FROM identity_domain WHERE name = ?", ResourceStore::domainRow, name);
    }

    public List<Domain> domains(Session s) throws SQLException {
        return s.query("SELECT * FROM identity_domain ORDER BY name", ResourceStore::domainRow);
    }

    public void insertProject(Session s, Project p) throws SQLException {
        s.update("INSERT INTO identity_project (id, name, domain_id, parent_id, enabled, description, extra, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p.id(), p.name(), p.domainId(), p.parentId(), p.enabled(),
                p.description(), JsonColumns.text(p.extra()), java.time.Instant.now());
        replaceTags(s, p.id(), p.tags());
    }

    public void updateProject(Session s, Project p) throws SQLException {
        s.update("UPDATE identity_project SET name = ?, enabled = ?, description = ?, extra = ? WHERE id = ?",
                p.name(), p.enabled(), p.description(), JsonColumns.text(p.extra()), p.id());
        replaceTags(s, p.id(), p.tags());
    }

    public void replaceTags(Session s, String projectId, List<String> tags) throws SQLException {
        s.update("DELETE FROM identity_project_tag WHERE project_id = ?", projectId);
        for (String tag : tags) {
            s.update("INSERT INTO identity_project_tag (project_id, tag) VALUES (?, ?)", projectId, tag);
        }
    }

    public void deleteProject(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_project WHERE id = ?", id);
    }

    public Optional<Project> project(Session s, String id) throws SQLException {
        Optional<Project> project = s.one("SELECT * FROM identity_project WHERE id = ?", ResourceStore::projectRow, id);
        return project.isEmpty() ? project : Optional.of(withTags(s, project.get()));
    }

    public Optional<Project> projectByName(Session s, String domainId, String name) throws SQLException {
        Optional<Project> project = s.one("SELECT * FROM identity_project WHERE domain_id = ? AND name = ?",
                ResourceStore::projectRow, domainId, name);
        return project.isEmpty() ? project : Optional.of(withTags(s, project.get()));
    }

    /** Projects matching the optional filters (null means any). */
    public List<Project> projects(Session s, String domainId, String parentId, String name, Boolean enabled)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM identity_project WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (domainId != null) {
            sql.append(" AND domain_id = ?");
            args.add(domainId);
        }
        if (parentId != null) {
            sql.append(" AND parent_id = ?");
            args.add(parentId);
        }
        if (name != null) {
            sql.append(" AND name = ?");
            args.add(name);
        }
        if (enabled != null) {
            sql.append(" AND enabled = ?");
            args.add(enabled);
        }
        sql.append(" ORDER BY name");
        List<Project> projects = s.query(sql.toString(), ResourceStore::projectRow, args.toArray());
        java.util.Map<String, List<String>> tags = new java.util.HashMap<>();
        s.query("SELECT project_id, tag FROM identity_project_tag ORDER BY tag", row -> {
            tags.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(row.getString(2));
            return null;
        });
        return projects.stream().map(p -> withTags(p, tags.getOrDefault(p.id(), List.of()))).toList();
    }

    public boolean hasChildren(Session s, String projectId) throws SQLException {
        return s.count("SELECT COUNT(*) FROM identity_project WHERE parent_id = ?", projectId) > 0;
    }

    public long projectCount(Session s, String domainId) throws SQLException {
        return s.count("SELECT COUNT(*) FROM identity_project WHERE domain_id = ?", domainId);
    }

    private Project withTags(Session s, Project p) throws SQLException {
        return withTags(p, s.query("SELECT tag FROM identity_project_tag WHERE project_id = ? ORDER BY tag",
                row -> row.getString(1), p.id()));
    }

    private static Project withTags(Project p, List<String> tags) {
        return new Project(p.id(), p.name(), p.domainId(), p.parentId(), p.enabled(), p.description(), tags, p.extra());
    }

    private static Domain domainRow(ResultSet r) throws SQLException {
        return new Domain(r.getString("id"), r.getString("name"), r.getBoolean("enabled"), r.getString("description"),
                JsonColumns.map(r.getString("extra")));
    }

    private static Project projectRow(ResultSet r) throws SQLException {
        return new Project(r.getString("id"), r.getString("name"), r.getString("domain_id"), r.getString("parent_id"),
                r.getBoolean("enabled"), r.getString("description"), List.of(), JsonColumns.map(r.getString("extra")));
    }
}
