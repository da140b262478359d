package io.strato.compute.store;

import io.strato.compute.api.Keypair;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The compute_keypair table: keypairs by user and name. */
public final class KeypairStore {
    private static final String COLUMNS = "id, user_id, name, fingerprint, public_key, key_type, created_at";

    /** Inserts the keypair and returns it with its generated id. */
    public Keypair insert(Session session, Keypair keypair) throws SQLException {
        session.update("INSERT INTO compute_keypair (user_id, name, fingerprint, public_key, key_type, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", keypair.userId(), keypair.name(), keypair.fingerprint(),
                keypair.publicKey(), keypair.type(), keypair.createdAt());
        return find(session, keypair.userId(), keypair.name()).orElseThrow();
    }

    public Optional<Keypair> find(Session session, String userId, String name) throws SQLException {
        return session.one("SELECT " + COLUMNS + " FROM compute_keypair WHERE user_id = ? AND name = ?",
                KeypairStore::row, userId, name);
    }

    /** The user's keypairs by name, after {@code markerName} when given, at most {@code limit}. */
    public List<Keypair> list(Session session, String userId, String markerName, int limit) throws SQLException {
        if (markerName == null) {
            return session.query("SELECT " + COLUMNS + " FROM compute_keypair WHERE user_id = ? ORDER BY name LIMIT ?",
                    KeypairStore::row, userId, limit);
        }
        return session.query("SELECT " + COLUMNS + " FROM compute_keypair WHERE user_id = ? AND name > ? ORDER BY name "
                + "LIMIT ?", KeypairStore::row, userId, markerName, limit);
    }

    public long count(Session session, String userId) throws SQLException {
        return session.count("SELECT COUNT(*) FROM compute_keypair WHERE user_id = ?", userId);
    }

    public boolean delete(Session session, String userId, String name) throws SQLException {
        return session.update("DELETE FROM compute_keypair WHERE user_id = ? AND name = ?", userId, name) > 0;
    }

    private static Keypair row(ResultSet row) throws SQLException {
        return new Keypair(row.getLong("id"), row.getString("user_id"), row.getString("name"),
                row.getString("fingerprint"), row.getString("public_key"), row.getString("key_type"),
                Session.instant(row, "created_at"));
    }
}
