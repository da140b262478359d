package io.strato.compute.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.compute.core.ComputeCaller;
import io.strato.compute.core.ComputePolicy;
import io.strato.compute.core.QuotaManager;
import io.strato.platform.http.Microversion;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;
import java.util.Map;

/**
 * {@code /limits}: the project's absolute limits from its quotas and what it uses, with the fields
 * Nova dropped in 2.36 (network), 2.39 (image metadata) and 2.57 (personality files). No rate limits.
 */
final class LimitsResource {
    private final ComputePolicy policy;
    private final QuotaManager quotas;

    LimitsResource(ComputePolicy policy, QuotaManager quotas) {
        this.policy = policy;
        this.quotas = quotas;
    }

    void register(ComputeRoutes.Routes routes) {
        routes.add("GET", "/limits", this::limits);
    }

    private Response limits(Request request, Microversion version, ComputeCaller caller) {
        String projectId = caller.projectId();
        if (request.queryParam("tenant_id").isPresent()) {
            projectId = request.queryParam("tenant_id").get();
            policy.enforce(caller, "os_compute_api:limits:other_project", Map.of("project_id", projectId));
        }
        policy.enforceOwnProject(caller, "os_compute_api:limits");
        Map<String, Integer> limit = quotas.limits(projectId);
        Map<String, Integer> used = quotas.usage(projectId);
        ObjectNode body = Json.object();
        ObjectNode limits = body.putObject("limits");
        limits.putArray("rate");
        ObjectNode absolute = limits.putObject("absolute");
        absolute.put("maxTotalInstances", limit.get(QuotaManager.INSTANCES))
                .put("maxTotalCores", limit.get(QuotaManager.CORES))
                .put("maxTotalRAMSize", limit.get(QuotaManager.RAM))
                .put("maxServerMeta", limit.get(QuotaManager.METADATA_ITEMS))
                .put("maxTotalKeypairs", limit.get(QuotaManager.KEY_PAIRS))
                .put("maxServerGroups", limit.get(QuotaManager.SERVER_GROUPS))
                .put("maxServerGroupMembers", limit.get(QuotaManager.SERVER_GROUP_MEMBERS))
                .put("totalInstancesUsed", used.get(QuotaManager.INSTANCES))
                .put("totalCoresUsed", used.get(QuotaManager.CORES))
                .put("totalRAMUsed", used.get(QuotaManager.RAM))
                .put("totalServerGroupsUsed", used.get(QuotaManager.SERVER_GROUPS));
        if (!version.isAtLeast("2.39")) {
            absolute.put("maxImageMeta", limit.get(QuotaManager.METADATA_ITEMS));
        }
        if (!version.isAtLeast("2.57")) {
            absolute.put("maxPersonality", limit.get(QuotaManager.INJECTED_FILES))
                    .put("maxPersonalitySize", limit.get(QuotaManager.INJECTED_FILE_CONTENT_BYTES));
        }
        if (!version.isAtLeast("2.36")) {
            absolute.put("maxSecurityGroups", limit.get(QuotaManager.SECURITY_GROUPS))
                    .put("maxSecurityGroupRules", limit.get(QuotaManager.SECURITY_GROUP_RULES))
                    .put("maxTotalFloatingIps", limit.get(QuotaManager.FLOATING_IPS))
                    .put("totalFloatingIpsUsed", used.get(QuotaManager.FLOATING_IPS))
                    .put("totalSecurityGroupsUsed", used.get(QuotaManager.SECURITY_GROUPS));
        }
        return Response.ok(body);
    }
}
