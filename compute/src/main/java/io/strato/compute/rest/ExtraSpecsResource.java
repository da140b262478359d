package io.strato.compute.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.compute.core.ComputeCaller;
import io.strato.compute.core.ComputePolicy;
import io.strato.compute.core.FlavorManager;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Microversion;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /flavors/{id}/os-extra_specs}: read by project readers, written by admins. */
final class ExtraSpecsResource {
    private static final Pattern KEY = Pattern.compile("^[a-zA-Z0-9-_:. ]{1,255}$");

    private final ComputePolicy policy;
    private final FlavorManager flavors;

    ExtraSpecsResource(ComputePolicy policy, FlavorManager flavors) {
        this.policy = policy;
        this.flavors = flavors;
    }

    void register(ComputeRoutes.Routes routes) {
        routes.add("GET", "/flavors/{flavor_id}/os-extra_specs", this::index);
        routes.add("POST", "/flavors/{flavor_id}/os-extra_specs", this::create);
        routes.add("GET", "/flavors/{flavor_id}/os-extra_specs/{key}", this::show);
        routes.add("PUT", "/flavors/{flavor_id}/os-extra_specs/{key}", this::update);
        routes.add("DELETE", "/flavors/{flavor_id}/os-extra_specs/{key}", this::delete);
    }

    private Response index(Request request, Microversion version, ComputeCaller caller) {
        policy.enforceOwnProject(caller, "os_compute_api:os-flavor-extra-specs:index");
        ObjectNode body = Json.object();
        body.set("extra_specs", specs(flavors.extraSpecs(caller, request.pathParam("flavor_id"))));
        return Response.ok(body);
    }

    private Response show(Request request, Microversion version, ComputeCaller caller) {
        policy.enforceOwnProject(caller, "os_compute_api:os-flavor-extra-specs:show");
        String key = request.pathParam("key");
        ObjectNode body = Json.object();
        body.put(key, flavors.extraSpec(caller, request.pathParam("flavor_id"), key));
        return Response.ok(body);
    }

    private Response create(Request request, Microversion version, ComputeCaller caller) {
        policy.enforce(caller, "os_compute_api:os-flavor-extra-specs:create", Map.of());
        ObjectNode inner = Inputs.wrapped(request, "extra_specs");
        Map<String, String> specs = parse(inner);
        ObjectNode body = Json.object();
        body.set("extra_specs", specs(flavors.putExtraSpecs(caller, request.pathParam("flavor_id"), specs)));
        return Response.ok(body);
    }

    private Response update(Request request, Microversion version, ComputeCaller caller) {
        policy.enforce(caller, "os_compute_api:os-flavor-extra-specs:update", Map.of());
        ObjectNode body = request.jsonObject();
        if (body.isEmpty()) {
            throw ApiException.badRequest("Invalid input for field/attribute extra_specs. Value: {}. {} does not have "
                    + "enough properties");
        }
        if (body.size() > 1) {
            throw ApiException.badRequest("Request body contains too many items");
        }
        Map<String, String> specs = parse(body);
        String key = request.pathParam("key");
        if (!specs.containsKey(key)) {
            throw ApiException.badRequest("Request body and URI mismatch");
        }
        flavors.putExtraSpecs(caller, request.pathParam("flavor_id"), specs);
        return Response.ok(specs(specs));
    }

    private Response delete(Request request, Microversion version, ComputeCaller caller) {
        policy.enforce(caller, "os_compute_api:os-flavor-extra-specs:delete", Map.of());
        flavors.deleteExtraSpec(caller, request.pathParam("flavor_id"), request.pathParam("key"));
        return Response.empty(200);
    }

    /** Keys as Nova's schema allows; values strings, numbers or booleans of at most 255 characters. */
    private static Map<String, String> parse(ObjectNode specs) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = specs.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!KEY.matcher(field.getKey()).matches()) {
                throw ApiException.badRequest("Invalid input for field/attribute extra_specs. Value: " + specs
                        + ". Additional properties are not allowed ('" + field.getKey() + "' was unexpected)");
            }
            JsonNode value = field.getValue();
            String text;
            if (value.isTextual() || value.isNumber()) {
                text = value.asText();
            } else if (value.isBoolean()) {
                text = value.booleanValue() ? "True" : "False";
            } else {
                throw Inputs.invalid(field.getKey(), value, value + " is not of type 'string', 'number', 'boolean'");
            }
            if (text.length() > 255) {
                throw ApiException.badRequest("extra_specs value has more than 255 characters.");
            }
            parsed.put(field.getKey(), text);
        }
        return parsed;
    }

    private static ObjectNode specs(Map<String, String> specs) {
        ObjectNode node = Json.object();
        specs.forEach(node::put);
        return node;
    }
}
