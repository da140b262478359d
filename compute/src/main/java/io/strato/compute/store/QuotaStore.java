package io.strato.compute.store;

import io.strato.platform.db.Session;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The compute_quota table: per-project limits that differ from the configured defaults. */
public final class QuotaStore {
    public Map<String, Integer> limits(Session session, String projectId) throws SQLException {
        Map<String, Integer> limits = new HashMap<>();
        session.query("SELECT resource, hard_limit FROM compute_quota WHERE project_id = ?",
                row -> limits.put(row.getString(1), row.getInt(2)), projectId);
        return limits;
    }

    public void put(Session session, String projectId, String resource, int limit) throws SQLException {
        if (session.update("UPDATE compute_quota SET hard_limit = ? WHERE project_id = ? AND resource = ?", limit,
                projectId, resource) == 0) {
            session.update("INSERT INTO compute_quota (project_id, resource, hard_limit) VALUES (?, ?, ?)", projectId,
                    resource, limit);
        }
    }

    public void deleteAll(Session session, String projectId) throws SQLException {
        session.update("DELETE FROM compute_quota WHERE project_id = ?", projectId);
    }
}
