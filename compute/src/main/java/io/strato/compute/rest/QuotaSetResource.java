package io.strato.compute.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.compute.core.ComputeCaller;
import io.strato.compute.core.ComputePolicy;
import io.strato.compute.core.QuotaManager;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Microversion;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /os-quota-sets/{project_id}}: show, detail, defaults, update and reset (delete) by admins. */
final class QuotaSetResource {
    private final ComputePolicy policy;
    private final QuotaManager quotas;

    QuotaSetResource(ComputePolicy policy, QuotaManager quotas) {
        this.policy = policy;
        this.quotas = quotas;
    }

    void register(ComputeRoutes.Routes routes) {
        routes.add("GET", "/os-quota-sets/{quota_project}", this::show);
        routes.add("GET", "/os-quota-sets/{quota_project}/detail", this::detail);
        routes.add("GET", "/os-quota-sets/{quota_project}/defaults", this::defaults);
        routes.add("PUT", "/os-quota-sets/{quota_project}", this::update);
        routes.add("DELETE", "/os-quota-sets/{quota_project}", this::delete);
    }

    /** The resources a microversion shows: network ones before 2.36, personality files before 2.57. */
    static List<String> resources(Microversion version) {
        List<String> resources = new ArrayList<>(QuotaManager.resources());
        if (version.isAtLeast("2.36")) {
            resources.removeAll(QuotaManager.NETWORK_RESOURCES);
        }
        if (version.isAtLeast("2.57")) {
            resources.removeAll(QuotaManager.FILE_RESOURCES);
        }
        return resources;
    }

    private Response show(Request request, Microversion version, ComputeCaller caller) {
        String project = request.pathParam("quota_project");
        policy.enforce(caller, "os_compute_api:os-quota-sets:show", Map.of("project_id", project));
        return Response.ok(view(project, quotas.limits(project), version));
    }

    private Response defaults(Request request, Microversion version, ComputeCaller caller) {
        String project = request.pathParam("quota_project");
        policy.enforce(caller, "os_compute_api:os-quota-sets:defaults", Map.of("project_id", project));
        return Response.ok(view(project, quotas.defaults(), version));
    }

    private Response detail(Request request, Microversion version, ComputeCaller caller) {
        String project = request.pathParam("quota_project");
        policy.enforce(caller, "os_compute_api:os-quota-sets:detail", Map.of("project_id", project));
        Map<String, Integer> limits = quotas.limits(project);
        Map<String, Integer> used = quotas.usage(project);
        ObjectNode body = Json.object();
        ObjectNode set = body.putObject("quota_set");
        set.put("id", project);
        for (String resource : resources(version)) {
            set.putObject(resource).put("limit", limits.get(resource)).put("in_use", used.get(resource))
                    .put("reserved", 0);
        }
        return Response.ok(body);
    }

    private Response update(Request request, Microversion version, ComputeCaller caller) {
        String project = request.pathParam("quota_project");
        policy.enforce(caller, "os_compute_api:os-quota-sets:update", Map.of("project_id", project));
        ObjectNode body = Inputs.wrapped(request, "quota_set");
        Set<String> allowed = new HashSet<>(resources(version));
        allowed.add("force");
        Inputs.onlyKeys(body, allowed);
        boolean force = body.has("force") && Inputs.bool(body.get("force"), "force");
        Map<String, Integer> used = quotas.usage(project);
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("force")) {
                continue;
            }
            int limit = Inputs.integer(field.getValue(), field.getKey(), -1, Integer.MAX_VALUE);
            int inUse = used.getOrDefault(field.getKey(), 0);
            if (!force && limit != -1 && limit < inUse) {
                throw ApiException.badRequest("Quota limit " + limit + " for " + field.getKey()
                        + " must be greater than or equal to already used and reserved " + inUse + ".");
            }
            changes.put(field.getKey(), limit);
        }
        Map<String, Integer> limits = quotas.update(project, changes);
        ObjectNode response = view(project, limits, version);
        ((ObjectNode) response.get("quota_set")).remove("id");
        return Response.ok(response);
    }

    private Response delete(Request request, Microversion version, ComputeCaller caller) {
        String project = request.pathParam("quota_project");
        policy.enforce(caller, "os_compute_api:os-quota-sets:delete", Map.of("project_id", project));
        quotas.reset(project);
        return Response.empty(202);
    }

    private static ObjectNode view(String project, Map<String, Integer> limits, Microversion version) {
        ObjectNode body = Json.object();
        ObjectNode set = body.putObject("quota_set");
        set.put("id", project);
        for (String resource : resources(version)) {
            set.put(resource, limits.get(resource));
        }
        return body;
    }
}
