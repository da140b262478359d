package io.strato.identity.store;

import io.strato.identity.api.Group;
import io.strato.identity.api.User;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Users, their password history and lockout counters, groups and membership. */
public final class UserStore {
    /** One password of a user's history; the newest is the current one. */
    public record PasswordRecord(String hash, Instant createdAt, Instant expiresAt, boolean selfService) {
    }

    /** Failed-login bookkeeping for lockout. */
    public record LoginState(int failedCount, Instant lastFailure) {
    }

    private static final String USER_COLUMNS = "u.id, u.name, u.domain_id, u.enabled, u.default_project_id, "
            + "u.description, u.extra, u.options, (SELECT p.expires_at FROM identity_password p WHERE p.user_id = u.id "
            + "ORDER BY p.created_at DESC LIMIT 1) AS password_expires_at";

    public void insertUser(Session s, User u) throws SQLException {
        s.update("INSERT INTO identity_user (id, name, domain_id, enabled, default_project_id, description, extra, options, "
                + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", u.id(), u.name(), u.domainId(), u.enabled(),
                u.defaultProjectId(), u.description(), JsonColumns.text(u.extra()), JsonColumns.text(u.options()),
                java.time.Instant.now());
    }

    public void updateUser(Session s, User u) throws SQLException {
        s.update("UPDATE identity_user SET name = ?, enabled = ?, default_project_id = ?, description = ?, extra = ?, "
                + "options = ? WHERE id = ?", u.name(), u.enabled(), u.defaultProjectId(), u.description(),
                JsonColumns.text(u.extra()), JsonColumns.text(u.options()), u.id());
    }

    public void deleteUser(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_user WHERE id = ?", id);
    }

    public Optional<User> user(Session s, String id) throws SQLException {
        return s.one("SELECT " + USER_COLUMNS + " FROM identity_user u WHERE u.id = ?", UserStore::userRow, id);
    }

    public Optional<User> userByName(Session s, String domainId, String name) throws SQLException {
        return s.one("SELECT " + USER_COLUMNS + " FROM identity_user u WHERE u.domain_id = ? AND u.name = ?",
                UserStore::userRow, domainId, name);
    }

    public List<User> users(Session s, String domainId, String name, Boolean enabled) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + USER_COLUMNS + " FROM identity_user u WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (domainId != null) {
            sql.append(" AND u.domain_id = ?");
            args.add(domainId);
        }
        if (name != null) {
            sql.append(" AND u.name = ?");
            args.add(name);
        }
        if (enabled != null) {
            sql.append(" AND u.enabled = ?");
            args.add(enabled);
        }
        sql.append(" ORDER BY u.name");
        return s.query(sql.toString(), UserStore::userRow, args.toArray());
    }

    public void addPassword(Session s, String userId, PasswordRecord password) throws SQLException {
        s.update("INSERT INTO identity_password (user_id, created_at, hash, expires_at, self_service) VALUES (?, ?, ?, ?, ?)",
                userId, password.createdAt(), password.hash(), password.expiresAt(), password.selfService());
    }

    /** The user's passwords, newest first. */
    public List<PasswordRecord> passwords(Session s, String userId, int limit) throws SQLException {
        return s.query("SELECT hash, created_at, expires_at, self_service FROM identity_password WHERE user_id = ? "
                + "ORDER BY created_at DESC LIMIT " + Math.max(1, limit), r -> new PasswordRecord(r.getString(1),
                Session.instant(r, "created_at"), Session.instant(r, "expires_at"), r.getBoolean(4)), userId);
    }

    public void prunePasswords(Session s, String userId, int keep) throws SQLException {
        List<PasswordRecord> all = passwords(s, userId, Integer.MAX_VALUE - 1);
        for (int i = Math.max(1, keep); i < all.size(); i++) {
            s.update("DELETE FROM identity_password WHERE user_id = ? AND created_at = ?", userId, all.get(i).createdAt());
        }
    }

    public LoginState loginState(Session s, String userId) throws SQLException {
        return s.one("SELECT failed_auth_count, failed_auth_at FROM identity_user WHERE id = ?",
                r -> new LoginState(r.getInt(1), Session.instant(r, "failed_auth_at")), userId)
                .orElse(new LoginState(0, null));
    }

    public void recordLoginFailure(Session s, String userId, Instant at) throws SQLException {
        s.update("UPDATE identity_user SET failed_auth_count = failed_auth_count + 1, failed_auth_at = ? WHERE id = ?",
                at, userId);
    }

    public void recordLoginSuccess(Session s, String userId, Instant at) throws SQLException {
        s.update("UPDATE identity_user SET failed_auth_count = 0, failed_auth_at = NULL, last_active_at = ? WHERE id = ?",
                at, userId);
    }

    public void resetLoginFailures(Session s, String userId) throws SQLException {
        s.update("UPDATE identity_user SET failed_auth_count = 0, failed_auth_at = NULL WHERE id = ?", userId);
    }

    public void insertGroup(Session s, Group g) throws SQLException {
        s.update("INSERT INTO identity_group (id, name, domain_id, description, extra) VALUES (?, ?, ?, ?, ?)",
                g.id(), g.name(), g.domainId(), g.description(), JsonColumns.text(g.extra()));
    }

    public void updateGroup(Session s, Group g) throws SQLException {
        s.update("UPDATE identity_group SET name = ?, description = ?, extra = ? WHERE id = ?",
                g.name(), g.description(), JsonColumns.text(g.extra()), g.id());
    }

    public void deleteGroup(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_group WHERE id = ?", id);
    }

    public Optional<Group> group(Session s, String id) throws SQLException {
        return s.one("SELECT * FROM identity_group WHERE id = ?", UserStore::groupRow, id);
    }

    public List<Group> groups(Session s, String domainId, String name) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM identity_group WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (domainId != null) {
            sql.append(" AND domain_id = ?");
            args.add(domainId);
        }
        if (name != null) {
            sql.append(" AND name = ?");
            args.add(name);
        }
        sql.append(" ORDER BY name");
        return s.query(sql.toString(), UserStore::groupRow, args.toArray());
    }

    public boolean addMember(Session s, String groupId, String userId) throws SQLException {
        if (isMember(s, groupId, userId)) {
            return false;
        }
        s.update("INSERT INTO identity_membership (user_id, group_id) VALUES (?, ?)", userId, groupId);
        return true;
    }

    public boolean removeMember(Session s, String groupId, String userId) throws SQLException {
        return s.update("DELETE FROM identity_membership WHERE user_id = ? AND group_id = ?", userId, groupId) > 0;
    }

    public boolean isMember(Session s, String groupId, String userId) throws SQLException {
        return s.count("SELECT COUNT(*) FROM identity_membership WHERE user_id = ? AND group_id = ?", userId, groupId) > 0;
    }

    public List<User> members(Session s, String groupId) throws SQLException {
        return s.query("SELECT " + USER_COLUMNS + " FROM identity_user u JOIN identity_membership m ON m.user_id = u.id "
                + "WHERE m.group_id = ? ORDER BY u.name", UserStore::userRow, groupId);
    }

    public List<String> memberIds(Session s, String groupId) throws SQLException {
        return s.query("SELECT user_id FROM identity_membership WHERE group_id = ?", r -> r.getString(1), groupId);
    }

    public List<Group> groupsOfUser(Session s, String userId) throws SQLException {
        return s.query("SELECT g.* FROM identity_group g JOIN identity_membership m ON m.group_id = g.id "
                + "WHERE m.user_id = ? ORDER BY g.name", UserStore::groupRow, userId);
    }

    public List<String> groupIdsOfUser(Session s, String userId) throws SQLException {
        return s.query("SELECT group_id FROM identity_membership WHERE user_id = ?", r -> r.getString(1), userId);
    }

    private static User userRow(ResultSet r) throws SQLException {
        return new User(r.getString("id"), r.getString("name"), r.getString("domain_id"), r.getBoolean("enabled"),
                r.getString("default_project_id"), r.getString("description"), JsonColumns.map(r.getString("extra")),
                JsonColumns.map(r.getString("options")), Session.instant(r, "password_expires_at"));
    }

    private static Group groupRow(ResultSet r) throws SQLException {
        return new Group(r.getString("id"), r.getString("name"), r.getString("domain_id"), r.getString("description"),
                JsonColumns.map(r.getString("extra")));
    }
}
