package io.strato.compute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.platform.json.Json;
import io.strato.platform.testing.ApiClient.Reply;
import io.strato.platform.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Golden shape test: every compute response this module serves, at the microversions where its
 * shape changes, validated by Debian's python3-tempest against its compute response schemas
 * (tempest/lib/api_schema/response/compute/v2_*). Skipped where /usr/bin/python3 cannot import tempest.
 */
class TempestSchemaIT {
    private static final String PYTHON = "/usr/bin/python3";

    private final ArrayNode samples = Json.array();
    private ComputeTestCloud cloud;

    private static boolean tempestAvailable() {
        try {
            Process process = new ProcessBuilder(PYTHON, "-c", "import tempest.lib.common.rest_client")
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Reply call(String method, String path, String token, Object body, String version) {
        return cloud.compute.send(method, path, token, body, Map.of("OpenStack-API-Version", "compute " + version));
    }

    /** Records the reply to {@code method path} at {@code version} for {@code module.schema}. */
    private Reply sample(String module, String schema, String method, String path, String token, Object body,
            String version) {
        Reply reply = call(method, path, token, body, version);
        if (reply.status() >= 400) {
            throw new AssertionError(method + " " + path + " at " + version + " failed: " + reply);
        }
        ObjectNode sample = samples.addObject();
        sample.put("label", method + " " + path + " @" + version).put("module", module).put("schema", schema)
                .put("status", reply.status());
        if (reply.body().length == 0) {
            sample.putNull("body");
        } else {
            sample.set("body", reply.json());
        }
        return reply;
    }

    @Test
    void responsesMatchTempestSchemas() throws Exception {
        Assumptions.assumeTrue(tempestAvailable(), "python3 cannot import tempest");
        cloud = ComputeTestCloud.start(TestDatabases.Engine.H2, Map.of());
        try {
            record();
        } finally {
            cloud.close();
        }
        Path file = Files.createTempFile("compute-samples-", ".json");
        Files.writeString(file, Json.text(samples));
        Path script = Files.createTempFile("validate-tempest-", ".py");
        try (InputStream in = getClass().getResourceAsStream("/io/strato/compute/validate_tempest_schemas.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(PYTHON, script.toString(), file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(120, TimeUnit.SECONDS);
        System.out.println(output);
        assertEquals(0, process.exitValue(), output);
        Files.delete(file);
        Files.delete(script);
    }

    private void record() throws Exception {
        String admin = cloud.adminToken();
        String demo = cloud.demoToken();
        String demoProject = cloud.projectOf(demo);

        sample("v2_1.versions", "list_versions", "GET", "/", null, null, "2.1");
        sample("v2_1.versions", "get_one_version", "GET", "/v2.1", null, null, "2.1");

        // flavors at 2.1, 2.55 (description), 2.61 (extra_specs) and the maximum
        sample("v2_1.flavors", "create_update_get_flavor_details", "POST", "/v2.1/flavors", admin,
                Map.of("flavor", Map.of("name", "s.one", "id", "s-one", "ram", 64, "vcpus", 1, "disk", 1, "swap", 16,
                        "os-flavor-access:is_public", false)), "2.1");
        sample("v2_55.flavors", "create_update_get_flavor_details", "POST", "/v2.1/flavors", admin,
                Map.of("flavor", Map.of("name", "s.two", "ram", 64, "vcpus", 1, "disk", 1, "description", "d")), "2.55");
        sample("v2_61.flavors", "create_update_get_flavor_details", "POST", "/v2.1/flavors", admin,
                Map.of("flavor", Map.of("name", "s.three", "id", "s-three", "ram", 64, "vcpus", 1, "disk", 1)), "2.61");
        sample("v2_1.flavors_extra_specs", "set_get_flavor_extra_specs", "POST", "/v2.1/flavors/s-three/os-extra_specs",
                admin, Map.of("extra_specs", Map.of("hw:cpu_policy", "dedicated", "hw:mem_page_size", "large")), "2.1");
        sample("v2_1.flavors_extra_specs", "set_get_flavor_extra_specs", "GET", "/v2.1/flavors/s-three/os-extra_specs",
                demo, null, "2.1");
        sample("v2_1.flavors_extra_specs", "set_get_flavor_extra_specs_key", "GET",
                "/v2.1/flavors/s-three/os-extra_specs/hw:cpu_policy", demo, null, "2.1");
        sample("v2_1.flavors_extra_specs", "set_get_flavor_extra_specs_key", "PUT",
                "/v2.1/flavors/s-three/os-extra_specs/hw:cpu_policy", admin, Map.of("hw:cpu_policy", "shared"), "2.1");
        sample("v2_1.flavors_extra_specs", "unset_flavor_extra_specs", "DELETE",
                "/v2.1/flavors/s-three/os-extra_specs/hw:mem_page_size", admin, null, "2.1");
        for (String version : List.of("2.1", "2.54")) {
            sample("v2_1.flavors", "list_flavors", "GET", "/v2.1/flavors", demo, null, version);
            sample("v2_1.flavors", "list_flavors", "GET", "/v2.1/flavors?limit=2", demo, null, version);
            sample("v2_1.flavors", "list_flavors_details", "GET", "/v2.1/flavors/detail", admin, null, version);
            sample("v2_1.flavors", "create_update_get_flavor_details", "GET", "/v2.1/flavors/1", demo, null, version);
        }
        for (String version : List.of("2.55", "2.60")) {
            sample("v2_55.flavors", "list_flavors", "GET", "/v2.1/flavors", demo, null, version);
            sample("v2_55.flavors", "list_flavors_details", "GET", "/v2.1/flavors/detail?is_public=none", admin, null,
                    version);
            sample("v2_55.flavors", "create_update_get_flavor_details", "GET", "/v2.1/flavors/s-three", demo, null,
                    version);
        }
        sample("v2_55.flavors", "create_update_get_flavor_details", "PUT", "/v2.1/flavors/s-three", admin,
                Map.of("flavor", Map.of("description", "updated")), "2.55");
        for (String version : List.of("2.61", "2.75", "2.96")) {
            sample("v2_61.flavors", "list_flavors", "GET", "/v2.1/flavors?limit=3", demo, null, version);
            sample("v2_61.flavors", "list_flavors_details", "GET", "/v2.1/flavors/detail?is_public=none", admin, null,
                    version);
            sample("v2_61.flavors", "list_flavors_details", "GET", "/v2.1/flavors/detail?limit=2", demo, null, version);
            sample("v2_61.flavors", "create_update_get_flavor_details", "GET", "/v2.1/flavors/s-three", demo, null,
                    version);
            sample("v2_61.flavors", "create_update_get_flavor_details", "PUT", "/v2.1/flavors/s-three", admin,
                    Map.of("flavor", Map.of("description", "at " + version)), version);
        }
        sample("v2_1.flavors_access", "add_remove_list_flavor_access", "POST", "/v2.1/flavors/s-one/action", admin,
                Map.of("addTenantAccess", Map.of("tenant", demoProject)), "2.1");
        sample("v2_1.flavors_access", "add_remove_list_flavor_access", "GET", "/v2.1/flavors/s-one/os-flavor-access",
                admin, null, "2.1");
        sample("v2_1.flavors_access", "add_remove_list_flavor_access", "POST", "/v2.1/flavors/s-one/action", admin,
                Map.of("removeTenantAccess", Map.of("tenant", demoProject)), "2.1");
        sample("v2_1.flavors", "delete_flavor", "DELETE", "/v2.1/flavors/s-one", admin, null, "2.1");
        sample("v2_55.flavors", "delete_flavor", "DELETE", "/v2.1/flavors/s-three", admin, null, "2.55");

        // keypairs: 2.1 (generated and imported), 2.2+ (type, 201/204), 2.10 (user_id), 2.92 (import only)
        String publicKey = ComputeContractIT.ed25519PublicKey();
        sample("v2_1.keypairs", "create_keypair", "POST", "/v2.1/os-keypairs", demo,
                Map.of("keypair", Map.of("name", "k1")), "2.1");
        sample("v2_1.keypairs", "create_keypair", "POST", "/v2.1/os-keypairs", demo,
                Map.of("keypair", Map.of("name", "k2", "public_key", publicKey)), "2.1");
        sample("v2_1.keypairs", "get_keypair", "GET", "/v2.1/os-keypairs/k1", demo, null, "2.1");
        sample("v2_1.keypairs", "list_keypairs", "GET", "/v2.1/os-keypairs", demo, null, "2.1");
        sample("v2_1.keypairs", "delete_keypair", "DELETE", "/v2.1/os-keypairs/k1", demo, null, "2.1");
        sample("v2_2.keypairs", "create_keypair", "POST", "/v2.1/os-keypairs", demo,
                Map.of("keypair", Map.of("name", "k3", "type", "ssh")), "2.2");
        sample("v2_2.keypairs", "create_keypair", "POST", "/v2.1/os-keypairs", admin,
                Map.of("keypair", Map.of("name", "k4", "public_key", publicKey, "user_id", cloud.userOf(demo))), "2.10");
        sample("v2_2.keypairs", "create_keypair", "POST", "/v2.1/os-keypairs", demo,
                Map.of("keypair", Map.of("name", "k.5@x", "public_key", publicKey)), "2.96");
        for (String version : List.of("2.2", "2.10", "2.35", "2.96")) {
            sample("v2_2.keypairs", "get_keypair", "GET", "/v2.1/os-keypairs/k3", demo, null, version);
            sample("v2_2.keypairs", "list_keypairs", "GET", "/v2.1/os-keypairs", demo, null, version);
        }
        sample("v2_2.keypairs", "delete_keypair", "DELETE", "/v2.1/os-keypairs/k3", demo, null, "2.2");
        sample("v2_2.keypairs", "delete_keypair", "DELETE", "/v2.1/os-keypairs/k.5@x", demo, null, "2.96");

        sample("v2_1.availability_zone", "list_availability_zone_list", "GET", "/v2.1/os-availability-zone", demo, null,
                "2.1");
        sample("v2_1.availability_zone", "list_availability_zone_list_detail", "GET", "/v2.1/os-availability-zone/detail",
                admin, null, "2.96");

        sample("v2_1.limits", "get_limit", "GET", "/v2.1/limits", demo, null, "2.1");
        sample("v2_1.limits", "get_limit", "GET", "/v2.1/limits", demo, null, "2.35");
        sample("v2_36.limits", "get_limit", "GET", "/v2.1/limits", demo, null, "2.36");
        sample("v2_39.limits", "get_limit", "GET", "/v2.1/limits", demo, null, "2.39");
        sample("v2_39.limits", "get_limit", "GET", "/v2.1/limits", demo, null, "2.56");
        sample("v2_57.limits", "get_limit", "GET", "/v2.1/limits?tenant_id=" + demoProject, admin, null, "2.57");
        sample("v2_57.limits", "get_limit", "GET", "/v2.1/limits", demo, null, "2.96");

        String quotas = "/v2.1/os-quota-sets/" + demoProject;
        Map<String, String> modules = Map.of("2.1", "v2_1.quotas", "2.35", "v2_1.quotas", "2.36", "v2_36.quotas",
                "2.56", "v2_36.quotas", "2.57", "v2_57.quotas", "2.96", "v2_57.quotas");
        for (Map.Entry<String, String> entry : modules.entrySet()) {
            String version = entry.getKey();
            String module = entry.getValue();
            sample(module, "get_quota_set", "GET", quotas, demo, null, version);
            sample(module, "get_quota_set", "GET", quotas + "/defaults", demo, null, version);
            sample(module, "get_quota_set_details", "GET", quotas + "/detail", demo, null, version);
            sample(module, "update_quota_set", "PUT", quotas, admin, Map.of("quota_set", Map.of("cores", 30)), version);
            sample(module, "delete_quota", "DELETE", quotas, admin, null, version);
        }
    }
}
