package io.strato.compute.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.compute.api.Flavor;
import io.strato.compute.core.ComputeCaller;
import io.strato.compute.core.ComputePolicy;
import io.strato.compute.core.FlavorManager;
import io.strato.compute.core.FlavorQuery;
import io.strato.compute.core.FlavorSpec;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Microversion;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /flavors}: list (basic and detail), show, create, update (2.55+) and delete. */
final class FlavorResource {
    static final int MAX_LIMIT = 1000;
    private static final Pattern FLAVOR_ID = Pattern.compile("^(?! )[a-zA-Z0-9. _-]+(?<! )$");
    private static final int MAX_INT = Integer.MAX_VALUE;

    private final ComputePolicy policy;
    private final FlavorManager flavors;

    FlavorResource(ComputePolicy policy, FlavorManager flavors) {
        this.policy = policy;
        this.flavors = flavors;
    }

    void register(ComputeRoutes.Routes routes) {
        routes.add("GET", "/flavors", (request, version, caller) -> list(request, version, caller, false));
        routes.add("GET", "/flavors/detail", (request, version, caller) -> list(request, version, caller, true));
        routes.add("GET", "/flavors/{flavor_id}", this::show);
        routes.add("POST", "/flavors", this::create);
        routes.add("PUT", "/flavors/{flavor_id}", this::update);
        routes.add("DELETE", "/flavors/{flavor_id}", this::delete);
    }

    /** Whether flavor bodies carry extra_specs (2.61+): the caller may list extra specs. */
    private boolean showsExtraSpecs(Microversion version, ComputeCaller caller) {
        return version.isAtLeast("2.61") && policy.check(caller, "os_compute_api:os-flavor-extra-specs:index",
                ComputePolicy.projectTarget(caller));
    }

    private Response list(Request request, Microversion version, ComputeCaller caller, boolean detail) {
        FlavorQuery query = query(request, caller);
        List<Flavor> page = flavors.list(caller, query);
        boolean specs = detail && showsExtraSpecs(version, caller);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("flavors");
        for (Flavor flavor : page) {
            items.add(detail ? FlavorViews.detail(flavor, version, request.baseUrl(), specs)
                    : FlavorViews.basic(flavor, version, request.baseUrl()));
        }
        if (!page.isEmpty() && page.size() == query.limit()) {
            body.putArray("flavors_links").addObject().put("rel", "next")
                    .put("href", nextLink(request, page.get(page.size() - 1).id()));
        }
        return Response.ok(body);
    }

    static String nextLink(Request request, String marker) {
        StringBuilder href = new StringBuilder(request.baseUrl()).append(request.path()).append('?');
        for (Map.Entry<String, List<String>> param : request.query().entrySet()) {
            if (param.getKey().equals("marker")) {
                continue;
            }
            for (String value : param.getValue()) {
                href.append(encode(param.getKey())).append('=').append(encode(value)).append('&');
            }
        }
        return href.append("marker=").append(encode(marker)).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static FlavorQuery query(Request request, ComputeCaller caller) {
        Boolean isPublic = Boolean.TRUE;
        Optional<String> publicParam = request.queryParam("is_public");
        if (caller.isAdmin() && publicParam.isPresent()) {
            String value = publicParam.get().strip().toLowerCase();
            isPublic = switch (value) {
                case "none" -> null;
                case "true", "t", "1", "yes", "y", "on" -> Boolean.TRUE;
                case "false", "f", "0", "no", "n", "off" -> Boolean.FALSE;
                default -> throw ApiException.badRequest("Invalid is_public filter [" + publicParam.get() + "]");
            };
        }
        Integer minRam = Inputs.queryInt(request, "minRam", "Invalid minRam filter [%s]").orElse(null);
        Integer minDisk = Inputs.queryInt(request, "minDisk", "Invalid minDisk filter [%s]").orElse(null);
        String sortKey = request.queryParam("sort_key").orElse("flavorid");
        String sortDir = request.queryParam("sort_dir").orElse("asc");
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw ApiException.badRequest("Invalid sort_key or sort_dir");
        }
        int limit = limit(request);
        return new FlavorQuery(isPublic, minRam, minDisk, sortKey, sortDir.equals("asc"), limit,
                request.queryParam("marker").orElse(null));
    }

    /** Nova's limit parameter: a non-negative integer, capped at the maximum page size. */
    static int limit(Request request) {
        Optional<String> value = request.queryParam("limit");
        if (value.isEmpty()) {
            return MAX_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.get().strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit param must be an integer");
        }
        if (limit < 0) {
            throw ApiException.badRequest("limit param must be positive");
        }
        return Math.min(limit, MAX_LIMIT);
    }

    private Response show(Request request, Microversion version, ComputeCaller caller) {
        Flavor flavor = flavors.get(caller, request.pathParam("flavor_id"));
        return Response.ok(wrap(flavor, request, version, caller));
    }

    private ObjectNode wrap(Flavor flavor, Request request, Microversion version, ComputeCaller caller) {
        ObjectNode body = Json.object();
        body.set("flavor", FlavorViews.detail(flavor, version, request.baseUrl(), showsExtraSpecs(version, caller)));
        return body;
    }

    private Response create(Request request, Microversion version, ComputeCaller caller) {
        policy.enforce(caller, "os_compute_api:os-flavor-manage:create", Map.of());
        ObjectNode body = Inputs.wrapped(request, "flavor");
        Set<String> allowed = new HashSet<>(Set.of("name", "id", "ram", "vcpus", "disk", "OS-FLV-EXT-DATA:ephemeral",
                "swap", "rxtx_factor", "os-flavor-access:is_public"));
        if (version.isAtLeast("2.55")) {
            allowed.add("description");
        }
        Inputs.onlyKeys(body, allowed);
        String name = Inputs.name(Inputs.required(body, "name"), "name", 255);
        String id = null;
        JsonNode idNode = body.get("id");
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual() && !idNode.isNumber()) {
                throw Inputs.invalid("id", idNode, idNode + " is not of type 'string', 'number', 'null'");
            }
            id = idNode.asText();
            if (id.isEmpty() || id.length() > 255 || !FLAVOR_ID.matcher(id).matches()) {
                throw Inputs.invalid("id", id, "'" + id + "' does not match '" + FLAVOR_ID.pattern() + "'");
            }
        }
        int ram = Inputs.integer(Inputs.required(body, "ram"), "ram", 1, MAX_INT);
        int vcpus = Inputs.integer(Inputs.required(body, "vcpus"), "vcpus", 1, MAX_INT);
        int disk = Inputs.integer(Inputs.required(body, "disk"), "disk", 0, MAX_INT);
        int ephemeral = body.has("OS-FLV-EXT-DATA:ephemeral")
                ? Inputs.integer(body.get("OS-FLV-EXT-DATA:ephemeral"), "OS-FLV-EXT-DATA:ephemeral", 0, MAX_INT) : 0;
        int swap = body.has("swap") ? Inputs.integer(body.get("swap"), "swap", 0, MAX_INT) : 0;
        double rxtx = 1.0;
        if (body.has("rxtx_factor")) {
            JsonNode value = body.get("rxtx_factor");
            if (!value.isNumber() && !(value.isTextual() && value.textValue().matches("\\d+(\\.\\d+)?"))) {
                throw Inputs.invalid("rxtx_factor", value, value + " is not of type 'number', 'string'");
            }
            rxtx = value.asDouble();
            if (rxtx <= 0 || rxtx > 3.40282e+38) {
                throw Inputs.invalid("rxtx_factor", value, value + " is not in the range (0, 3.40282e+38]");
            }
        }
        boolean isPublic = !body.has("os-flavor-access:is_public")
                || Inputs.bool(body.get("os-flavor-access:is_public"), "os-flavor-access:is_public");
        String description = description(body);
        Flavor flavor = flavors.create(new FlavorSpec(id, name, ram, vcpus, disk, ephemeral, swap, rxtx, isPublic,
                description));
        return Response.ok(wrap(flavor, request, version, caller));
    }

    private static String description(ObjectNode body) {
        JsonNode value = body.get("description");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw Inputs.invalid("description", value, value + " is not of type 'string', 'null'");
        }
        if (value.textValue().length() > 65535) {
            throw Inputs.invalid("description", "...", "the description is longer than 65535 characters");
        }
        return value.textValue();
    }

    private Response update(Request request, Microversion version, ComputeCaller caller) {
        if (!version.isAtLeast("2.55")) {
            throw ApiException.notFound("The resource could not be found.");
        }
        policy.enforce(caller, "os_compute_api:os-flavor-manage:update", Map.of());
        ObjectNode body = Inputs.wrapped(request, "flavor");
        Inputs.onlyKeys(body, Set.of("description"));
        Inputs.required(body, "description");
        Flavor flavor = flavors.updateDescription(request.pathParam("flavor_id"), description(body));
        return Response.ok(wrap(flavor, request, version, caller));
    }

    private Response delete(Request request, Microversion version, ComputeCaller caller) {
        policy.enforce(caller, "os_compute_api:os-flavor-manage:delete", Map.of());
        flavors.delete(request.pathParam("flavor_id"));
        return Response.empty(202);
    }
}
