package io.strato.compute.store;

import io.strato.compute.api.Flavor;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The flavor tables: compute_flavor, compute_flavor_extra_spec and compute_flavor_project. */
public final class FlavorStore {
    private static final String COLUMNS = "id, name, memory_mb, vcpus, root_gb, ephemeral_gb, swap, rxtx_factor, "
            + "is_public, disabled, description, created_at, updated_at";

    public void insert(Session session, Flavor flavor) throws SQLException {
        session.update("INSERT INTO compute_flavor (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                flavor.id(), flavor.name(), flavor.memoryMb(), flavor.vcpus(), flavor.rootGb(), flavor.ephemeralGb(),
                flavor.swapMb(), flavor.rxtxFactor(), flavor.isPublic(), flavor.disabled(), flavor.description(),
                flavor.createdAt(), flavor.updatedAt());
        for (Map.Entry<String, String> spec : flavor.extraSpecs().entrySet()) {
            putSpec(session, flavor.id(), spec.getKey(), spec.getValue());
        }
    }

    public Optional<Flavor> find(Session session, String id) throws SQLException {
        Optional<Flavor> flavor = session.one("SELECT " + COLUMNS + " FROM compute_flavor WHERE id = ?",
                FlavorStore::row, id);
        if (flavor.isEmpty()) {
            return flavor;
        }
        return Optional.of(flavor.get().withExtraSpecs(specs(session, id)));
    }

    public boolean nameExists(Session session, String name) throws SQLException {
        return session.one("SELECT 1 FROM compute_flavor WHERE name = ?", row -> true, name).isPresent();
    }

    /**
     * Flavors by visibility: {@code isPublic} null means all; true means public ones plus the private
     * ones shared with {@code projectId}; false means private ones (only those shared with
     * {@code projectId} unless {@code allPrivate}).
     */
    public List<Flavor> list(Session session, Boolean isPublic, String projectId, boolean allPrivate)
            throws SQLException {
        String access = "id IN (SELECT flavor_id FROM compute_flavor_project WHERE project_id = ?)";
        List<Flavor> flavors;
        if (isPublic == null) {
            flavors = session.query("SELECT " + COLUMNS + " FROM compute_flavor", FlavorStore::row);
        } else if (isPublic) {
            flavors = session.query("SELECT " + COLUMNS + " FROM compute_flavor WHERE is_public = TRUE OR " + access,
                    FlavorStore::row, projectId);
        } else if (allPrivate) {
            flavors = session.query("SELECT " + COLUMNS + " FROM compute_flavor WHERE is_public = FALSE",
                    FlavorStore::row);
        } else {
            flavors = session.query("SELECT " + COLUMNS + " FROM compute_flavor WHERE is_public = FALSE AND " + access,
                    FlavorStore::row, projectId);
        }
        Map<String, Map<String, String>> specs = new HashMap<>();
        session.query("SELECT flavor_id, spec_key, spec_value FROM compute_flavor_extra_spec", row -> {
            specs.computeIfAbsent(row.getString(1), k -> new TreeMap<>()).put(row.getString(2), row.getString(3));
            return null;
        });
        List<Flavor> result = new ArrayList<>(flavors.size());
        for (Flavor flavor : flavors) {
            result.add(flavor.withExtraSpecs(specs.getOrDefault(flavor.id(), Map.of())));
        }
        return result;
    }

    public boolean delete(Session session, String id) throws SQLException {
        session.update("DELETE FROM compute_flavor_extra_spec WHERE flavor_id = ?", id);
        session.update("DELETE FROM compute_flavor_project WHERE flavor_id = ?", id);
        return session.update("DELETE FROM compute_flavor WHERE id = ?", id) > 0;
    }

    public void updateDescription(Session session, String id, String description, Instant now) throws SQLException {
        session.update("UPDATE compute_flavor SET description = ?, updated_at = ? WHERE id = ?", description, now, id);
    }

    public Map<String, String> specs(Session session, String flavorId) throws SQLException {
        Map<String, String> specs = new LinkedHashMap<>();
        session.query("SELECT spec_key, spec_value FROM compute_flavor_extra_spec WHERE flavor_id = ? ORDER BY spec_key",
                row -> specs.put(row.getString(1), row.getString(2)), flavorId);
        return specs;
    }

    public void putSpec(Session session, String flavorId, String key, String value) throws SQLException {
        if (session.update("UPDATE compute_flavor_extra_spec SET spec_value = ? WHERE flavor_id = ? AND spec_key = ?",
                value, flavorId, key) == 0) {
            session.update("INSERT INTO compute_flavor_extra_spec (flavor_id, spec_key, spec_value) VALUES (?, ?, ?)",
                    flavorId, key, value);
        }
    }

    public boolean deleteSpec(Session session, String flavorId, String key) throws SQLException {
        return session.update("DELETE FROM compute_flavor_extra_spec WHERE flavor_id = ? AND spec_key = ?",
                flavorId, key) > 0;
    }

    public List<String> projects(Session session, String flavorId) throws SQLException {
        return session.query("SELECT project_id FROM compute_flavor_project WHERE flavor_id = ? ORDER BY project_id",
                row -> row.getString(1), flavorId);
    }

    public boolean hasAccess(Session session, String flavorId, String projectId) throws SQLException {
        return session.one("SELECT 1 FROM compute_flavor_project WHERE flavor_id = ? AND project_id = ?", row -> true,
                flavorId, projectId).isPresent();
    }

    public void addProject(Session session, String flavorId, String projectId) throws SQLException {
        session.update("INSERT INTO compute_flavor_project (flavor_id, project_id) VALUES (?, ?)", flavorId, projectId);
    }

    public boolean removeProject(Session session, String flavorId, String projectId) throws SQLException {
        return session.update("DELETE FROM compute_flavor_project WHERE flavor_id = ? AND project_id = ?", flavorId,
                projectId) > 0;
    }

    private static Flavor row(ResultSet row) throws SQLException {
        return new Flavor(row.getString("id"), row.getString("name"), row.getInt("memory_mb"), row.getInt("vcpus"),
                row.getInt("root_gb"), row.getInt("ephemeral_gb"), row.getInt("swap"), row.getDouble("rxtx_factor"),
                row.getBoolean("is_public"), row.getBoolean("disabled"), row.getString("description"), Map.of(),
                Session.instant(row, "created_at"), Session.instant(row, "updated_at"));
    }
}
