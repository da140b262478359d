package io.strato.identity.store;

import io.strato.identity.api.PolicyBlob;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Rows of {@code identity_policy_blob}. */
public final class PolicyBlobStore {
    public void insert(Session s, PolicyBlob p) throws SQLException {
        s.update("INSERT INTO identity_policy_blob (id, type, blob, extra) VALUES (?, ?, ?, ?)", p.id(), p.type(),
                p.blob(), JsonColumns.text(p.extra()));
    }

    public void update(Session s, PolicyBlob p) throws SQLException {
        s.update("UPDATE identity_policy_blob SET type = ?, blob = ?, extra = ? WHERE id = ?", p.type(), p.blob(),
                JsonColumns.text(p.extra()), p.id());
    }

    public void delete(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_policy_blob WHERE id = ?", id);
    }

    public Optional<PolicyBlob> get(Session s, String id) throws SQLException {
        return s.one("SELECT * FROM identity_policy_blob WHERE id = ?", PolicyBlobStore::row, id);
    }

    public List<PolicyBlob> list(Session s) throws SQLException {
        return s.query("SELECT * FROM identity_policy_blob ORDER BY id", PolicyBlobStore::row);
    }

    private static PolicyBlob row(ResultSet r) throws SQLException {
        return new PolicyBlob(r.getString("id"), r.getString("type"), r.getString("blob"),
                JsonColumns.map(r.getString("extra")));
    }
}
