package io.strato.identity.store;

import io.strato.identity.api.Endpoint;
import io.strato.identity.api.Region;
import io.strato.identity.api.Service;
import io.strato.platform.db.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Regions, services and endpoints of the service catalog. */
public final class CatalogStore {
    public void insertRegion(Session s, Region r) throws SQLException {
        s.update("INSERT INTO identity_region (id, description, parent_region_id, extra) VALUES (?, ?, ?, ?)",
                r.id(), r.description(), r.parentRegionId(), JsonColumns.text(r.extra()));
    }

    public void updateRegion(Session s, Region r) throws SQLException {
        s.update("UPDATE identity_region SET description = ?, parent_region_id = ?, extra = ? WHERE id = ?",
                r.description(), r.parentRegionId(), JsonColumns.text(r.extra()), r.id());
    }

    public void deleteRegion(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_region WHERE id = ?", id);
    }

    public Optional<Region> region(Session s, String id) throws SQLException {
        return s.one("SELECT * FROM identity_region WHERE id = ?", CatalogStore::regionRow, id);
    }

    public List<Region> regions(Session s) throws SQLException {
        return s.query("SELECT * FROM identity_region ORDER BY id", CatalogStore::regionRow);
    }

    public void insertService(Session s, Service svc) throws SQLException {
        s.update("INSERT INTO identity_service (id, type, enabled, extra) VALUES (?, ?, ?, ?)",
                svc.id(), svc.type(), svc.enabled(), JsonColumns.text(svc.extra()));
    }

    public void updateService(Session s, Service svc) throws SQLException {
        s.update("UPDATE identity_service SET type = ?, enabled = ?, extra = ? WHERE id = ?",
                svc.type(), svc.enabled(), JsonColumns.text(svc.extra()), svc.id());
    }

    public void deleteService(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_endpoint WHERE service_id = ?", id);
        s.update("DELETE FROM identity_service WHERE id = ?", id);
    }

    public Optional<Service> service(Session s, String id) throws SQLException {
        return s.one("SELECT * FROM identity_service WHERE id = ?", CatalogStore::serviceRow, id);
    }

    public List<Service> services(Session s) throws SQLException {
        return s.query("SELECT * FROM identity_service ORDER BY id", CatalogStore::serviceRow);
    }

    public void insertEndpoint(Session s, Endpoint e) throws SQLException {
        s.update("INSERT INTO identity_endpoint (id, service_id, interface, url, region_id, enabled, extra) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", e.id(), e.serviceId(), e.interfaceName(), e.url(), e.regionId(),
                e.enabled(), JsonColumns.text(e.extra()));
    }

    public void updateEndpoint(Session s, Endpoint e) throws SQLException {
        s.update("UPDATE identity_endpoint SET service_id = ?, interface = ?, url = ?, region_id = ?, enabled = ?, "
                + "extra = ? WHERE id = ?", e.serviceId(), e.interfaceName(), e.url(), e.regionId(), e.enabled(),
                JsonColumns.text(e.extra()), e.id());
    }

    public void deleteEndpoint(Session s, String id) throws SQLException {
        s.update("DELETE FROM identity_endpoint WHERE id = ?", id);
    }

    public Optional<Endpoint> endpoint(Session s, String id) throws SQLException {
        return s.one("SELECT * FROM identity_endpoint WHERE id = ?", CatalogStore::endpointRow, id);
    }

    public List<Endpoint> endpoints(Session s) throws SQLException {
        return s.query("SELECT * FROM identity_endpoint ORDER BY id", CatalogStore::endpointRow);
    }

    public long endpointsInRegion(Session s, String regionId) throws SQLException {
        return s.count("SELECT COUNT(*) FROM identity_endpoint WHERE region_id = ?", regionId);
    }

    public long childRegions(Session s, String regionId) throws SQLException {
        return s.count("SELECT COUNT(*) FROM identity_region WHERE parent_region_id = ?", regionId);
    }

    private static Region regionRow(ResultSet r) throws SQLException {
        return new Region(r.getString("id"), r.getString("description"), r.getString("parent_region_id"),
                JsonColumns.map(r.getString("extra")));
    }

    private static Service serviceRow(ResultSet r) throws SQLException {
        return new Service(r.getString("id"), r.getString("type"), r.getBoolean("enabled"),
                JsonColumns.map(r.getString("extra")));
    }

    private static Endpoint endpointRow(ResultSet r) throws SQLException {
        return new Endpoint(r.getString("id"), r.getString("service_id"), r.getString("interface"), r.getString("url"),
                r.getString("region_id"), r.getBoolean("enabled"), JsonColumns.map(r.getString("extra")));
    }
}
