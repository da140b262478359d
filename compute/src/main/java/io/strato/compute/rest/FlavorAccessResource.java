package io.strato.compute.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.compute.core.ComputeCaller;
import io.strato.compute.core.ComputePolicy;
import io.strato.compute.core.FlavorManager;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Microversion;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /flavors/{id}/os-flavor-access} and the addTenantAccess/removeTenantAccess actions of private flavors. */
final class FlavorAccessResource {
    private final ComputePolicy policy;
    private final FlavorManager flavors;

    FlavorAccessResource(ComputePolicy policy, FlavorManager flavors) {
        this.policy = policy;
        this.flavors = flavors;
    }

    void register(ComputeRoutes.Routes routes) {
        routes.add("GET", "/flavors/{flavor_id}/os-flavor-access", this::list);
        routes.add("POST", "/flavors/{flavor_id}/action", this::action);
    }

    private Response list(Request request, Microversion version, ComputeCaller caller) {
        policy.enforce(caller, "os_compute_api:os-flavor-access", Map.of());
        String id = request.pathParam("flavor_id");
        return Response.ok(view(id, flavors.access(caller, id)));
    }

    private Response action(Request request, Microversion version, ComputeCaller caller) {
        ObjectNode body = request.jsonObject();
        String id = request.pathParam("flavor_id");
        if (body.size() != 1) {
            throw ApiException.badRequest("There is not exactly one action in the request body.");
        }
        String action = body.fieldNames().next();
        return switch (action) {
            case "addTenantAccess" -> {
                policy.enforce(caller, "os_compute_api:os-flavor-access:add_tenant_access", Map.of());
                yield Response.ok(view(id, flavors.addAccess(caller, id, tenant(body, action))));
            }
            case "removeTenantAccess" -> {
                policy.enforce(caller, "os_compute_api:os-flavor-access:remove_tenant_access", Map.of());
                yield Response.ok(view(id, flavors.removeAccess(caller, id, tenant(body, action))));
            }
            default -> throw ApiException.notFound("There is no such action: " + action);
        };
    }

    private static String tenant(ObjectNode body, String action) {
        JsonNode inner = body.get(action);
        if (!inner.isObject()) {
            throw Inputs.invalid(action, inner, inner + " is not of type 'object'");
        }
        Inputs.onlyKeys((ObjectNode) inner, Set.of("tenant"));
        JsonNode tenant = Inputs.required((ObjectNode) inner, "tenant");
        if (!tenant.isTextual() || tenant.textValue().isEmpty() || tenant.textValue().length() > 255
                || !tenant.textValue().matches("^[a-zA-Z0-9-]*$")) {
            throw Inputs.invalid("tenant", tenant, tenant + " is not a valid project id");
        }
        return tenant.textValue();
    }

    private static ObjectNode view(String flavorId, List<String> projects) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("flavor_access");
        for (String project : projects) {
            list.addObject().put("flavor_id", flavorId).put("tenant_id", project);
        }
        return body;
    }
}
