package io.strato.identity.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.identity.api.Endpoint;
import io.strato.identity.api.Region;
import io.strato.identity.api.Service;
import io.strato.identity.core.CatalogManager;
import io.strato.identity.core.Ids;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import java.util.List;
import java.util.Set;

/** {@code /v3/regions}, {@code /v3/services} and {@code /v3/endpoints}. */
final class CatalogResource {
    private static final Set<String> REGION_FIELDS = Set.of("id", "description", "parent_region_id", "links");
    private static final Set<String> SERVICE_FIELDS = Set.of("id", "type", "enabled", "links");
    private static final Set<String> ENDPOINT_FIELDS = Set.of("id", "service_id", "interface", "url", "region_id",
            "region", "enabled", "links");
    private static final Set<String> INTERFACES = Set.of("public", "internal", "admin");

    private final CatalogManager catalog;
    private final Authorizer authorizer;

    CatalogResource(CatalogManager catalog, Authorizer authorizer) {
        this.catalog = catalog;
        this.authorizer = authorizer;
    }

    void register(Router router) {
        router.post("/v3/regions", this::createRegion);
        router.get("/v3/regions", this::listRegions);
        router.get("/v3/regions/{region_id}", this::getRegion);
        router.put("/v3/regions/{region_id}", this::createRegionWithId);
        router.patch("/v3/regions/{region_id}", this::updateRegion);
        router.delete("/v3/regions/{region_id}", this::deleteRegion);
        router.post("/v3/services", this::createService);
        router.get("/v3/services", this::listServices);
        router.get("/v3/services/{service_id}", this::getService);
        router.patch("/v3/services/{service_id}", this::updateService);
        router.delete("/v3/services/{service_id}", this::deleteService);
        router.post("/v3/endpoints", this::createEndpoint);
        router.get("/v3/endpoints", this::listEndpoints);
        router.get("/v3/endpoints/{endpoint_id}", this::getEndpoint);
        router.patch("/v3/endpoints/{endpoint_id}", this::updateEndpoint);
        router.delete("/v3/endpoints/{endpoint_id}", this::deleteEndpoint);
    }

    private Response createRegion(Request request) {
        authorizer.enforce(request, "identity:create_region");
        ObjectNode body = Bodies.entity(request, "region");
        String id = Bodies.string(body, "id", false, 255);
        return Response.json(201, Views.wrap("region", Views.region(request, catalog.createRegion(region(body,
                id == null ? Ids.newId() : id)))));
    }

    private Response createRegionWithId(Request request) {
        authorizer.enforce(request, "identity:create_region");
        String id = request.pathParam("region_id");
        ObjectNode body = Bodies.entity(request, "region");
        if (body.has("id") && !id.equals(body.path("id").asText())) {
            throw ApiException.badRequest("Conflicting region IDs specified: " + id + " and " + body.path("id").asText() + ".");
        }
        return Response.json(201, Views.wrap("region", Views.region(request, catalog.createRegion(region(body, id)))));
    }

    private Region region(ObjectNode body, String id) {
        return new Region(id, Bodies.nullableString(body, "description", 255),
                Bodies.nullableString(body, "parent_region_id", 255), Bodies.extra(body, REGION_FIELDS, null));
    }

    private Response listRegions(Request request) {
        authorizer.enforce(request, "identity:list_regions");
        String parent = request.queryParam("parent_region_id").orElse(null);
        List<Region> regions = catalog.listRegions().stream()
                .filter(r -> parent == null || parent.equals(r.parentRegionId())).toList();
        return Response.ok(Views.collection(request, "regions", regions, r -> Views.region(request, r)));
    }

    private Response getRegion(Request request) {
        authorizer.enforce(request, "identity:get_region");
        return Response.ok(Views.wrap("region", Views.region(request, catalog.getRegion(request.pathParam("region_id")))));
    }

    private Response updateRegion(Request request) {
        authorizer.enforce(request, "identity:update_region");
        String id = request.pathParam("region_id");
        Region before = catalog.getRegion(id);
        ObjectNode body = Bodies.entity(request, "region");
        if (body.has("id") && !id.equals(body.path("id").asText())) {
            throw ApiException.badRequest("Cannot change region ID.");
        }
        Region after = new Region(id,
                body.has("description") ? Bodies.nullableString(body, "description", 255) : before.description(),
                body.has("parent_region_id") ? Bodies.nullableString(body, "parent_region_id", 255) : before.parentRegionId(),
                Bodies.extra(body, REGION_FIELDS, before.extra()));
        return Response.ok(Views.wrap("region", Views.region(request, catalog.updateRegion(after))));
    }

    private Response deleteRegion(Request request) {
        authorizer.enforce(request, "identity:delete_region");
        catalog.deleteRegion(request.pathParam("region_id"));
        return Response.empty(204);
    }

    private Response createService(Request request) {
        authorizer.enforce(request, "identity:create_service");
        ObjectNode body = Bodies.entity(request, "service");
        String type = Bodies.name(body, "type", true, 255);
        Boolean enabled = Bodies.bool(body, "enabled");
        Service service = new Service(Ids.newId(), type, enabled == null || enabled,
                Bodies.extra(body, SERVICE_FIELDS, null));
        return Response.json(201, Views.wrap("service", Views.service(request, catalog.createService(service))));
    }

    private Response listServices(Request request) {
        authorizer.enforce(request, "identity:list_services");
        String type = request.queryParam("type").orElse(null);
        String name = request.queryParam("name").orElse(null);
        List<Service> services = catalog.listServices().stream()
                .filter(s -> type == null || s.type().equals(type))
                .filter(s -> name == null || s.name().equals(name)).toList();
        return Response.ok(Views.collection(request, "services", services, s -> Views.service(request, s)));
    }

    private Response getService(Request request) {
        authorizer.enforce(request, "identity:get_service");
        return Response.ok(Views.wrap("service", Views.service(request, catalog.getService(request.pathParam("service_id")))));
    }

    private Response updateService(Request request) {
        authorizer.enforce(request, "identity:update_service");
        String id = request.pathParam("service_id");
        Service before = catalog.getService(id);
        ObjectNode body = Bodies.entity(request, "service");
        String type = Bodies.name(body, "type", false, 255);
        Boolean enabled = Bodies.bool(body, "enabled");
        Service after = new Service(id, type == null ? before.type() : type, enabled == null ? before.enabled() : enabled,
                Bodies.extra(body, SERVICE_FIELDS, before.extra()));
        return Response.ok(Views.wrap("service", Views.service(request, catalog.updateService(after))));
    }

    private Response deleteService(Request request) {
        authorizer.enforce(request, "identity:delete_service");
        catalog.deleteService(request.pathParam("service_id"));
        return Response.empty(204);
    }

    private Response createEndpoint(Request request) {
        authorizer.enforce(request, "identity:create_endpoint");
        ObjectNode body = Bodies.entity(request, "endpoint");
        String serviceId = Bodies.name(body, "service_id", true, 64);
        String interfaceName = Bodies.name(body, "interface", true, 8);
        String url = Bodies.name(body, "url", true, 2048);
        String regionId = Bodies.nullableString(body, "region_id", 255);
        if (regionId == null) {
            regionId = legacyRegion(Bodies.nullableString(body, "region", 255));
        }
        Boolean enabled = Bodies.bool(body, "enabled");
        Endpoint endpoint = new Endpoint(Ids.newId(), serviceId, checkInterface(interfaceName), checkUrl(url), regionId,
                enabled == null || enabled, Bodies.extra(body, ENDPOINT_FIELDS, null));
        return Response.json(201, Views.wrap("endpoint", Views.endpoint(request, catalog.createEndpoint(endpoint))));
    }

    private Response listEndpoints(Request request) {
        authorizer.enforce(request, "identity:list_endpoints");
        String service = request.queryParam("service_id").orElse(null);
        String iface = request.queryParam("interface").orElse(null);
        String region = request.queryParam("region_id").orElse(null);
        List<Endpoint> endpoints = catalog.listEndpoints().stream()
                .filter(e -> service == null || e.serviceId().equals(service))
                .filter(e -> iface == null || e.interfaceName().equals(iface))
                .filter(e -> region == null || region.equals(e.regionId())).toList();
        return Response.ok(Views.collection(request, "endpoints", endpoints, e -> Views.endpoint(request, e)));
    }

    private Response getEndpoint(Request request) {
        authorizer.enforce(request, "identity:get_endpoint");
        return Response.ok(Views.wrap("endpoint", Views.endpoint(request,
                catalog.getEndpoint(request.pathParam("endpoint_id")))));
    }

    private Response updateEndpoint(Request request) {
        authorizer.enforce(request, "identity:update_endpoint");
        String id = request.pathParam("endpoint_id");
        Endpoint before = catalog.getEndpoint(id);
        ObjectNode body = Bodies.entity(request, "endpoint");
        String serviceId = Bodies.name(body, "service_id", false, 64);
        String interfaceName = Bodies.name(body, "interface", false, 8);
        String url = Bodies.name(body, "url", false, 2048);
        String regionId = body.has("region_id") ? Bodies.nullableString(body, "region_id", 255)
                : body.has("region") ? legacyRegion(Bodies.nullableString(body, "region", 255)) : before.regionId();
        Boolean enabled = Bodies.bool(body, "enabled");
        Endpoint after = new Endpoint(id, serviceId == null ? before.serviceId() : serviceId,
                interfaceName == null ? before.interfaceName() : checkInterface(interfaceName),
                url == null ? before.url() : checkUrl(url), regionId, enabled == null ? before.enabled() : enabled,
                Bodies.extra(body, ENDPOINT_FIELDS, before.extra()));
        return Response.ok(Views.wrap("endpoint", Views.endpoint(request, catalog.updateEndpoint(after))));
    }

    private Response deleteEndpoint(Request request) {
        authorizer.enforce(request, "identity:delete_endpoint");
        catalog.deleteEndpoint(request.pathParam("endpoint_id"));
        return Response.empty(204);
    }

    /** The legacy {@code region} attribute names a region that Keystone creates when it is missing. */
    private String legacyRegion(String regionId) {
        if (regionId != null && catalog.listRegions().stream().noneMatch(r -> r.id().equals(regionId))) {
            try {
                catalog.createRegion(new Region(regionId, "", null, java.util.Map.of()));
            } catch (ApiException e) {
                if (e.status() != 409) {
                    throw e;
                }
            }
        }
        return regionId;
    }

    private static String checkInterface(String value) {
        if (!INTERFACES.contains(value)) {
            throw ApiException.badRequest("Invalid input for field 'interface': '" + value
                    + "' is not one of ['admin', 'internal', 'public']");
        }
        return value;
    }

    private static String checkUrl(String url) {
        if (!url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.+")) {
            throw ApiException.badRequest("Invalid input for field 'url': '" + url + "' is not a valid URL.");
        }
        return url;
    }
}
