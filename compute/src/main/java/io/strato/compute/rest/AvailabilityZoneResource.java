package io.strato.compute.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.compute.core.ComputeCaller;
import io.strato.compute.core.ComputePolicy;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;

/**
 * {@code /os-availability-zone}: the one configured zone ({@code compute.availability_zone},
 * "nova" by default). Hosts appear in the detail once compute hosts register.
 */
final class AvailabilityZoneResource {
    private final ComputePolicy policy;
    private final String zone;

    AvailabilityZoneResource(ComputePolicy policy, String zone) {
        this.policy = policy;
        this.zone = zone;
    }

    void register(ComputeRoutes.Routes routes) {
        routes.add("GET", "/os-availability-zone", (request, version, caller) -> zones(caller, "list"));
        routes.add("GET", "/os-availability-zone/detail", (request, version, caller) -> zones(caller, "detail"));
    }

    private Response zones(ComputeCaller caller, String action) {
        policy.enforceOwnProject(caller, "os_compute_api:os-availability-zone:" + action);
        ObjectNode body = Json.object();
        ObjectNode item = body.putArray("availabilityZoneInfo").addObject();
        item.put("zoneName", zone);
        item.putObject("zoneState").put("available", true);
        item.putNull("hosts");
        return Response.ok(body);
    }
}
