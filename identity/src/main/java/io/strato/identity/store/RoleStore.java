package io.strato.identity.store;

import io.strato.identity.api.Assignment;
import io.strato.identity.api.Role;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Roles, implied-role rules and role assignments. */
public final class RoleStore {
    /** An implication rule: holding the prior role gives the implied role too. */
    public record Implication(String priorRoleId, String impliedRoleId) {
    }

    public void insertRole(Session s, Role r) throws SQLException {
        s.update("INSERT INTO identity_role (id, name, domain_key, description, extra, options) VALUES (?, ?, ?, ?, ?, ?)",
                r.id(), r.name(), r.domainId() == null ? "" : r.domainId(), r.description(),
                JsonColumns.text(r.extra()), JsonColumns.text(r.options()));
    }

    public void updateRole(Session s, Role r) throws SQLException {
        s.update("UPDATE identity_role SET name = ?, description = ?, extra = ?, options = ? WHERE id = ?",
                r.name(), r.description(), JsonColumns.text(r.extra()), JsonColumns.text(r.options()), r.id());
    }

    public void deleteRole(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_assignment WHERE role_id = ?", id);
        s.update("DELETE FROM identity_app_credential_role WHERE role_id = ?", id);
        s.update("DELETE FROM identity_trust_role WHERE role_id = ?", id);
        s.update("DELETE FROM identity_role WHERE id = ?", id);
    }

    public Optional<Role> role(Session s, String id) throws SQLException {
        return s.one("SELECT * FROM identity_role WHERE id = ?", RoleStore::roleRow, id);
    }

    public Optional<Role> roleByName(Session s, String domainId, String name) throws SQLException {
        return s.one("SELECT * FROM identity_role WHERE domain_key = ? AND name = ?", RoleStore::roleRow,
                domainId == null ? "" : domainId, name);
    }

    /** Roles of one domain, or the global roles when domainId is null. */
    public List<Role> roles(Session s, String domainId, String name) throws SQLException {
        if (name != null) {
            return s.query("SELECT * FROM identity_role WHERE domain_key = ? AND name = ? ORDER BY name",
                    RoleStore::roleRow, domainId == null ? "" : domainId, name);
        }
        return s.query("SELECT * FROM identity_role WHERE domain_key = ? ORDER BY name", RoleStore::roleRow,
                domainId == null ? "" : domainId);
    }

    public List<Role> allRoles(Session s) throws SQLException {
        return s.query("SELECT * FROM identity_role ORDER BY name", RoleStore::roleRow);
    }

    public void addImplication(Session s, Implication rule) throws SQLException {
        s.update("INSERT INTO identity_implied_role (prior_role_id, implied_role_id) VALUES (?, ?)",
                rule.priorRoleId(), rule.impliedRoleId());
    }

    public boolean removeImplication(Session s, Implication rule) throws SQLException {
        return s.update("DELETE FROM identity_implied_role WHERE prior_role_id = ? AND implied_role_id = ?",
                rule.priorRoleId(), rule.impliedRoleId()) > 0;
    }

    public List<Implication> implications(Session s) throws SQLException {
        return s.query("SELECT prior_role_id, implied_role_id FROM identity_implied_role ORDER BY prior_role_id",
                r -> new Implication(r.getString(1), r.getString(2)));
    }

    public boolean grant(Session s, Assignment a) throws SQLException {
        if (s.count("SELECT COUNT(*) FROM identity_assignment WHERE kind = ? AND actor_id = ? AND target_id = ? "
                + "AND role_id = ? AND inherited = ?", a.kind(), a.actorId(), a.targetId(), a.roleId(), a.inherited()) > 0) {
            return false;
        }
        s.update("INSERT INTO identity_assignment (kind, actor_id, target_id, role_id, inherited) VALUES (?, ?, ?, ?, ?)",
                a.kind(), a.actorId(), a.targetId(), a.roleId(), a.inherited());
        return true;
    }

    public boolean revoke(Session s, Assignment a) throws SQLException {
        return s.update("DELETE FROM identity_assignment WHERE kind = ? AND actor_id = ? AND target_id = ? "
                + "AND role_id = ? AND inherited = ?", a.kind(), a.actorId(), a.targetId(), a.roleId(), a.inherited()) > 0;
    }

    /** Assignments matching the filters; null means any. */
    public List<Assignment> assignments(Session s, List<String> kinds, List<String> actorIds, String targetId,
            String roleId, Boolean inherited) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT kind, actor_id, target_id, role_id, inherited FROM identity_assignment WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (kinds != null) {
            if (kinds.isEmpty()) {
                return List.of();
            }
            sql.append(" AND kind IN (").append(JsonColumns.placeholders(kinds)).append(')');
            args.addAll(kinds);
        }
        if (actorIds != null) {
            if (actorIds.isEmpty()) {
                return List.of();
            }
            sql.append(" AND actor_id IN (").append(JsonColumns.placeholders(actorIds)).append(')');
            args.addAll(actorIds);
        }
        if (targetId != null) {
            sql.append(" AND target_id = ?");
            args.add(targetId);
        }
        if (roleId != null) {
            sql.append(" AND role_id = ?");
            args.add(roleId);
        }
        if (inherited != null) {
            sql.append(" AND inherited = ?");
            args.add(inherited);
        }
        sql.append(" ORDER BY kind, actor_id, target_id, role_id");
        return s.query(sql.toString(), r -> Assignment.fromKind(r.getString(1), r.getString(2), r.getString(3),
                r.getString(4), r.getBoolean(5)), args.toArray());
    }

    public void deleteAssignmentsOfActor(Session s, String actorId) throws SQLException {
        s.update("DELETE FROM identity_assignment WHERE actor_id = ?", actorId);
    }

    public void deleteAssignmentsOnTarget(Session s, String targetId) throws SQLException {
        s.update("DELETE FROM identity_assignment WHERE target_id = ?", targetId);
    }

    private static Role roleRow(ResultSet r) throws SQLException {
        String domain = r.getString("domain_key");
        return new Role(r.getString("id"), r.getString("name"), domain.isEmpty() ? null : domain,
                r.getString("description"), JsonColumns.map(r.getString("extra")),
                JsonColumns.map(r.getString("options")));
    }

}
