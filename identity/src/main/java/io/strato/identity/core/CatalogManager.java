package io.strato.identity.core;

import io.strato.identity.api.Endpoint;
import io.strato.identity.api.Region;
import io.strato.identity.api.Service;
import io.strato.platform.http.ApiException;
import java.util.List;
import java.util.Optional;

/** The service catalog: regions, services and endpoints, and the catalog a token carries. */
public final class CatalogManager {
    /** A catalog entry as a token shows it: a service with its enabled endpoints. */
    public record CatalogEntry(Service service, List<Endpoint> endpoints) {
    }

    private record CatalogCache(long generation, List<CatalogEntry> entries) {
    }

    private final IdentityData data;
    private volatile CatalogCache cache = new CatalogCache(-1, List.of());

    public CatalogManager(IdentityData data) {
        this.data = data;
    }

    /** Enabled services with their enabled endpoints; cached until the next identity write. */
    public List<CatalogEntry> catalog() {
        CatalogCache current = cache;
        long generation = data.generation();
        if (current.generation() == generation) {
            return current.entries();
        }
        List<CatalogEntry> entries = data.read(s -> {
            List<Endpoint> endpoints = data.catalog.endpoints(s);
            return data.catalog.services(s).stream().filter(Service::enabled)
                    .map(svc -> new CatalogEntry(svc, endpoints.stream()
                            .filter(e -> e.enabled() && e.serviceId().equals(svc.id())).toList()))
                    .toList();
        });
        cache = new CatalogCache(generation, entries);
        return entries;
    }

    public Region createRegion(Region region) {
        return data.writeUnique("region", "Duplicate ID, " + region.id() + ".", s -> {
            if (data.catalog.region(s, region.id()).isPresent()) {
                throw IdentityErrors.duplicate("region", "Duplicate ID, " + region.id() + ".");
            }
            checkParent(s, region);
            data.catalog.insertRegion(s, region);
            return region;
        });
    }

    public Region updateRegion(Region region) {
        return data.write(s -> {
            requireRegion(s, region.id());
            checkParent(s, region);
            data.catalog.updateRegion(s, region);
            return region;
        });
    }

    public void deleteRegion(String id) {
        data.write(s -> {
            requireRegion(s, id);
            if (data.catalog.childRegions(s, id) > 0) {
                throw ApiException.forbidden("Cannot delete region " + id + " because it has child regions.");
            }
            if (data.catalog.endpointsInRegion(s, id) > 0) {
                throw ApiException.forbidden("Cannot delete region " + id + " because it has endpoints.");
            }
            data.catalog.deleteRegion(s, id);
            return null;
        });
    }

    public Region getRegion(String id) {
        return data.read(s -> requireRegion(s, id));
    }

    public List<Region> listRegions() {
        return data.read(data.catalog::regions);
    }

    public Service createService(Service service) {
        return data.write(s -> {
            data.catalog.insertService(s, service);
            return service;
        });
    }

    public Service updateService(Service service) {
        return data.write(s -> {
            requireService(s, service.id());
            data.catalog.updateService(s, service);
            return service;
        });
    }

    public void deleteService(String id) {
        data.write(s -> {
            requireService(s, id);
            data.catalog.deleteService(s, id);
            return null;
        });
    }

    public Service getService(String id) {
        return data.read(s -> requireService(s, id));
    }

    public Optional<Service> findService(String id) {
        return data.read(s -> data.catalog.service(s, id));
    }

    public List<Service> listServices() {
        return data.read(data.catalog::services);
    }

    public Endpoint createEndpoint(Endpoint endpoint) {
        return data.write(s -> {
            checkEndpoint(s, endpoint);
            data.catalog.insertEndpoint(s, endpoint);
            return endpoint;
        });
    }

    public Endpoint updateEndpoint(Endpoint endpoint) {
        return data.write(s -> {
            data.catalog.endpoint(s, endpoint.id()).orElseThrow(() -> IdentityErrors.notFound("endpoint", endpoint.id()));
            checkEndpoint(s, endpoint);
            data.catalog.updateEndpoint(s, endpoint);
            return endpoint;
        });
    }

    public void deleteEndpoint(String id) {
        data.write(s -> {
            data.catalog.endpoint(s, id).orElseThrow(() -> IdentityErrors.notFound("endpoint", id));
            data.catalog.deleteEndpoint(s, id);
            return null;
        });
    }

    public Endpoint getEndpoint(String id) {
        return data.read(s -> data.catalog.endpoint(s, id).orElseThrow(() -> IdentityErrors.notFound("endpoint", id)));
    }

    public List<Endpoint> listEndpoints() {
        return data.read(data.catalog::endpoints);
    }

    private void checkEndpoint(io.strato.platform.db.Session s, Endpoint endpoint) throws java.sql.SQLException {
        if (data.catalog.service(s, endpoint.serviceId()).isEmpty()) {
            throw ApiException.badRequest("Could not find service: " + endpoint.serviceId() + ".");
        }
        if (endpoint.regionId() != null && data.catalog.region(s, endpoint.regionId()).isEmpty()) {
            throw ApiException.badRequest("Could not find region: " + endpoint.regionId() + ".");
        }
    }

    private void checkParent(io.strato.platform.db.Session s, Region region) throws java.sql.SQLException {
        String parent = region.parentRegionId();
        int depth = 0;
        while (parent != null && depth++ < 64) {
            if (parent.equals(region.id())) {
                throw ApiException.badRequest("The specified parent region " + region.parentRegionId()
                        + " would create a circular region hierarchy.");
            }
            Optional<Region> next = data.catalog.region(s, parent);
            if (next.isEmpty()) {
                throw ApiException.badRequest("Could not find region: " + parent + ".");
            }
            parent = next.get().parentRegionId();
        }
    }

    private Region requireRegion(io.strato.platform.db.Session s, String id) throws java.sql.SQLException {
        return data.catalog.region(s, id).orElseThrow(() -> IdentityErrors.notFound("region", id));
    }

    private Service requireService(io.strato.platform.db.Session s, String id) throws java.sql.SQLException {
        return data.catalog.service(s, id).orElseThrow(() -> IdentityErrors.notFound("service", id));
    }
}
