package io.strato.identity.store;

import io.strato.identity.api.ApplicationCredential;
import io.strato.identity.api.Credential;
import io.strato.identity.api.Trust;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Application credentials, trusts and stored (EC2-style) credentials. */
public final class CredentialStore {
    public void insertAppCredential(Session s, ApplicationCredential c, String secretHash) throws SQLException {
        s.update("INSERT INTO identity_app_credential (id, name, user_id, project_id, secret_hash, description, expires_at, "
                + "unrestricted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.name(), c.userId(),
                c.projectId(), secretHash, c.description(), c.expiresAt(), c.unrestricted(), java.time.Instant.now());
        for (String role : c.roleIds()) {
            s.update("INSERT INTO identity_app_credential_role (app_credential_id, role_id) VALUES (?, ?)", c.id(), role);
        }
    }

    public Optional<ApplicationCredential> appCredential(Session s, String id) throws SQLException {
        Optional<ApplicationCredential> found = s.one("SELECT * FROM identity_app_credential WHERE id = ?",
                CredentialStore::appCredentialRow, id);
        return found.isEmpty() ? found : Optional.of(withRoles(s, found.get()));
    }

    public Optional<ApplicationCredential> appCredentialByName(Session s, String userId, String name) throws SQLException {
        Optional<ApplicationCredential> found = s.one("SELECT * FROM identity_app_credential WHERE user_id = ? AND name = ?",
                CredentialStore::appCredentialRow, userId, name);
        return found.isEmpty() ? found : Optional.of(withRoles(s, found.get()));
    }

    public Optional<String> appCredentialSecretHash(Session s, String id) throws SQLException {
        return s.one("SELECT secret_hash FROM identity_app_credential WHERE id = ?", r -> r.getString(1), id);
    }

    public List<ApplicationCredential> appCredentials(Session s, String userId) throws SQLException {
        List<ApplicationCredential> result = new java.util.ArrayList<>();
        for (ApplicationCredential c : s.query("SELECT * FROM identity_app_credential WHERE user_id = ? ORDER BY name",
                CredentialStore::appCredentialRow, userId)) {
            result.add(withRoles(s, c));
        }
        return result;
    }

    public void deleteAppCredential(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_app_credential WHERE id = ?", id);
    }

    public void insertTrust(Session s, Trust t) throws SQLException {
        s.update("INSERT INTO identity_trust (id, trustor_user_id, trustee_user_id, project_id, impersonation, expires_at, "
                + "remaining_uses, redelegated_trust_id, redelegation_count, extra, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", t.id(), t.trustorUserId(), t.trusteeUserId(), t.projectId(),
                t.impersonation(), t.expiresAt(), t.remainingUses(), t.redelegatedTrustId(), t.redelegationCount(),
                JsonColumns.text(t.extra()), java.time.Instant.now());
        for (String role : t.roleIds()) {
            s.update("INSERT INTO identity_trust_role (trust_id, role_id) VALUES (?, ?)", t.id(), role);
        }
    }

    public Optional<Trust> trust(Session s, String id) throws SQLException {
        Optional<Trust> found = s.one("SELECT * FROM identity_trust WHERE id = ? AND deleted_at IS NULL",
                CredentialStore::trustRow, id);
        return found.isEmpty() ? found : Optional.of(withRoles(s, found.get()));
    }

    public List<Trust> trusts(Session s, String trustorUserId, String trusteeUserId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM identity_trust WHERE deleted_at IS NULL");
        List<Object> args = new java.util.ArrayList<>();
        if (trustorUserId != null) {
            sql.append(" AND trustor_user_id = ?");
            args.add(trustorUserId);
        }
        if (trusteeUserId != null) {
            sql.append(" AND trustee_user_id = ?");
            args.add(trusteeUserId);
        }
        sql.append(" ORDER BY created_at");
        List<Trust> result = new java.util.ArrayList<>();
        for (Trust t : s.query(sql.toString(), CredentialStore::trustRow, args.toArray())) {
            result.add(withRoles(s, t));
        }
        return result;
    }

    /** Consumes one use of a limited trust; false when none is left. */
    public boolean consumeTrustUse(Session s, String id) throws SQLException {
        return s.update("UPDATE identity_trust SET remaining_uses = remaining_uses - 1 WHERE id = ? AND "
                + "(remaining_uses IS NULL OR remaining_uses > 0)", id) > 0;
    }

    public void deleteTrust(Session s, String id, Instant at) throws SQLException {
        s.update("UPDATE identity_trust SET deleted_at = ? WHERE id = ?", at, id);
    }

    public void insertCredential(Session s, Credential c) throws SQLException {
        s.update("INSERT INTO identity_credential (id, user_id, project_id, type, encrypted_blob, extra) VALUES (?, ?, ?, ?, ?, ?)",
                c.id(), c.userId(), c.projectId(), c.type(), c.blob(), JsonColumns.text(c.extra()));
    }

    public void updateCredential(Session s, Credential c) throws SQLException {
        s.update("UPDATE identity_credential SET user_id = ?, project_id = ?, type = ?, encrypted_blob = ?, extra = ? WHERE id = ?",
                c.userId(), c.projectId(), c.type(), c.blob(), JsonColumns.text(c.extra()), c.id());
    }

    public Optional<Credential> credential(Session s, String id) throws SQLException {
        return s.one("SELECT * FROM identity_credential WHERE id = ?", CredentialStore::credentialRow, id);
    }

    public List<Credential> credentials(Session s, String userId, String type) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM identity_credential WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (userId != null) {
            sql.append(" AND user_id = ?");
            args.add(userId);
        }
        if (type != null) {
            sql.append(" AND type = ?");
            args.add(type);
        }
        sql.append(" ORDER BY id");
        return s.query(sql.toString(), CredentialStore::credentialRow, args.toArray());
    }

    public void deleteCredential(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_credential WHERE id = ?", id);
    }

    public void deleteCredentialsOfUser(Session s, String userId) throws SQLException {
        s.update("DELETE FROM identity_credential WHERE user_id = ?", userId);
    }

    private ApplicationCredential withRoles(Session s, ApplicationCredential c) throws SQLException {
        List<String> roles = s.query("SELECT role_id FROM identity_app_credential_role WHERE app_credential_id = ?",
                r -> r.getString(1), c.id());
        return new ApplicationCredential(c.id(), c.name(), c.userId(), c.projectId(), c.description(), c.expiresAt(),
                c.unrestricted(), roles);
    }

    private Trust withRoles(Session s, Trust t) throws SQLException {
        List<String> roles = s.query("SELECT role_id FROM identity_trust_role WHERE trust_id = ?", r -> r.getString(1), t.id());
        return new Trust(t.id(), t.trustorUserId(), t.trusteeUserId(), t.projectId(), t.impersonation(), t.expiresAt(),
                t.remainingUses(), t.redelegatedTrustId(), t.redelegationCount(), roles, t.extra());
    }

    private static ApplicationCredential appCredentialRow(ResultSet r) throws SQLException {
        return new ApplicationCredential(r.getString("id"), r.getString("name"), r.getString("user_id"),
                r.getString("project_id"), r.getString("description"), Session.instant(r, "expires_at"),
                r.getBoolean("unrestricted"), List.of());
    }

    private static Trust trustRow(ResultSet r) throws SQLException {
        int uses = r.getInt("remaining_uses");
        Integer remaining = r.wasNull() ? null : uses;
        int count = r.getInt("redelegation_count");
        Integer redelegation = r.wasNull() ? null : count;
        return new Trust(r.getString("id"), r.getString("trustor_user_id"), r.getString("trustee_user_id"),
                r.getString("project_id"), r.getBoolean("impersonation"), Session.instant(r, "expires_at"), remaining,
                r.getString("redelegated_trust_id"), redelegation, List.of(), JsonColumns.map(r.getString("extra")));
    }

    private static Credential credentialRow(ResultSet r) throws SQLException {
        return new Credential(r.getString("id"), r.getString("user_id"), r.getString("project_id"), r.getString("type"),
                r.getString("encrypted_blob"), JsonColumns.map(r.getString("extra")));
    }
}
