package io.strato.compute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strato.platform.testing.ApiClient.Reply;
import io.strato.platform.testing.TestDatabases;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The compute API behaviour every database engine must give; subclasses pick the engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ComputeContractIT {
    ComputeTestCloud cloud;
    String admin;
    String demo;

    abstract TestDatabases.Engine engine();

    @BeforeAll
    void start() throws Exception {
        cloud = ComputeTestCloud.start(engine(), Map.of());
        admin = cloud.adminToken();
        demo = cloud.demoToken();
    }

    @AfterAll
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    static Map<String, String> version(String version) {
        return Map.of("OpenStack-API-Version", "compute " + version);
    }

    Reply get(String path, String token, String version) {
        return cloud.compute.send("GET", path, token, null, version(version));
    }

    Reply send(String method, String path, String token, Object body, String version) {
        return cloud.compute.send(method, path, token, body, version(version));
    }

    static void assertFault(Reply reply, int status, String name) {
        assertEquals(status, reply.status(), reply.text());
        JsonNode fault = reply.json().path(name);
        assertEquals(status, fault.path("code").asInt(), reply.text());
        assertFalse(fault.path("message").asText().isEmpty(), reply.text());
    }

    List<String> ids(JsonNode flavors) {
        List<String> ids = new ArrayList<>();
        flavors.forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    @Test
    void versionDiscoveryIsPublicAndNamesTheRange() {
        Reply root = cloud.compute.get("/", null);
        assertEquals(200, root.status(), root.text());
        JsonNode v21 = root.json().path("versions").get(0);
        assertEquals("v2.1", v21.path("id").asText());
        assertEquals("2.1", v21.path("min_version").asText());
        assertEquals("2.96", v21.path("version").asText());
        assertEquals(cloud.computeUrl + "/v2.1/", v21.path("links").get(0).path("href").asText());
        for (String path : List.of("/v2.1", "/v2.1/")) {
            Reply one = cloud.compute.get(path, null);
            assertEquals(200, one.status(), one.text());
            assertEquals("CURRENT", one.json().path("version").path("status").asText());
            assertEquals("application/vnd.openstack.compute+json;version=2.1",
                    one.json().path("version").path("media-types").get(0).path("type").asText());
        }
    }

    @Test
    void microversionsAreNegotiatedAndEchoed() {
        Reply none = cloud.compute.get("/v2.1/flavors", demo);
        assertEquals(200, none.status());
        assertEquals("compute 2.1", none.header("OpenStack-API-Version").orElseThrow());
        assertEquals("2.1", none.header("X-OpenStack-Nova-API-Version").orElseThrow());
        assertTrue(none.header("Vary").orElseThrow().contains("X-OpenStack-Nova-API-Version"));
        Reply legacy = cloud.compute.send("GET", "/v2.1/flavors", demo, null, Map.of("X-OpenStack-Nova-API-Version", "2.55"));
        assertEquals("compute 2.55", legacy.header("OpenStack-API-Version").orElseThrow());
        assertTrue(legacy.json().path("flavors").get(0).has("description"));
        assertEquals("compute 2.96", get("/v2.1/flavors", demo, "latest").header("OpenStack-API-Version").orElseThrow());
        Reply tooHigh = get("/v2.1/flavors", demo, "2.200");
        assertFault(tooHigh, 406, "computeFault");
        assertEquals("Version 2.200 is not supported by the API. Minimum is 2.1 and maximum is 2.96.",
                tooHigh.json().path("computeFault").path("message").asText());
        assertEquals("compute 2.96", tooHigh.header("OpenStack-API-Version").orElseThrow());
        Reply fault = get("/v2.1/flavors/missing", demo, "2.61");
        assertFault(fault, 404, "itemNotFound");
        assertEquals("compute 2.61", fault.header("OpenStack-API-Version").orElseThrow());
        assertFault(get("/v2.1/flavors", demo, "2.x"), 400, "badRequest");
        assertFault(cloud.compute.get("/v2.1/flavors", null), 401, "unauthorized");
        assertFault(cloud.compute.get("/v2.1/flavors", "not-a-token"), 401, "unauthorized");
        assertFault(cloud.compute.get("/v2.1/nothing-here", demo), 404, "itemNotFound");
    }

    @Test
    void defaultFlavorsAreBootstrappedOnce() {
        // a second start on the same database adds nothing and fails on nothing
        new io.strato.compute.ComputeApiService(cloud.config, cloud.database, java.time.Clock.systemUTC());
        JsonNode flavors = get("/v2.1/flavors/detail", demo, "2.1").json().path("flavors");
        Map<String, int[]> expected = Map.of("m1.tiny", new int[] {1, 512, 1}, "m1.small", new int[] {1, 2048, 20},
                "m1.medium", new int[] {2, 4096, 40}, "m1.large", new int[] {4, 8192, 80},
                "m1.xlarge", new int[] {8, 16384, 160});
        int found = 0;
        for (JsonNode flavor : flavors) {
            int[] sizes = expected.get(flavor.path("name").asText());
            if (sizes != null) {
                found++;
                assertEquals(sizes[0], flavor.path("vcpus").asInt());
                assertEquals(sizes[1], flavor.path("ram").asInt());
                assertEquals(sizes[2], flavor.path("disk").asInt());
                assertEquals("", flavor.path("swap").asText());
                assertTrue(flavor.path("os-flavor-access:is_public").asBoolean());
            }
        }
        assertEquals(5, found);
        assertEquals(5, get("/v2.1/flavors?minRam=512&minDisk=1&limit=5", demo, "2.1").json().path("flavors").size());
        assertEquals(0, get("/v2.1/flavors/detail", demo, "2.75").json().path("flavors").get(0).path("swap").asInt());
    }

    @Test
    void adminsManageFlavorsAndOthersMayNot() {
        Map<String, Object> body = Map.of("flavor", Map.of("name", "c.test", "ram", 1024, "vcpus", 2, "disk", 10,
                "id", "c-test", "swap", 512, "OS-FLV-EXT-DATA:ephemeral", 5));
        assertFault(send("POST", "/v2.1/flavors", demo, body, "2.1"), 403, "forbidden");
        Reply created = send("POST", "/v2.1/flavors", admin, body, "2.1");
        assertEquals(200, created.status(), created.text());
        JsonNode flavor = created.json().path("flavor");
        assertEquals("c-test", flavor.path("id").asText());
        assertEquals(512, flavor.path("swap").asInt());
        assertEquals(5, flavor.path("OS-FLV-EXT-DATA:ephemeral").asInt());
        assertEquals(1.0, flavor.path("rxtx_factor").asDouble());
        assertEquals(cloud.computeUrl + "/v2.1/flavors/c-test", flavor.path("links").get(0).path("href").asText());
        assertFault(send("POST", "/v2.1/flavors", admin, body, "2.1"), 409, "conflictingRequest");
        assertFault(send("POST", "/v2.1/flavors", admin, Map.of("flavor", Map.of("name", "c.other", "ram", 1024,
                "vcpus", 2, "disk", 10, "id", "c-test")), "2.1"), 409, "conflictingRequest");
        assertFault(send("POST", "/v2.1/flavors", admin, Map.of("flavor", Map.of("name", "c.bad", "ram", 0, "vcpus", 1,
                "disk", 1)), "2.1"), 400, "badRequest");
        assertFault(send("POST", "/v2.1/flavors", admin, Map.of("flavor", Map.of("name", " lead", "ram", 1, "vcpus", 1,
                "disk", 1)), "2.1"), 400, "badRequest");
        assertFault(send("POST", "/v2.1/flavors", admin, Map.of("flavor", Map.of("name", "c.bad", "ram", 1, "vcpus", 1,
                "disk", 1, "description", "only from 2.55")), "2.54"), 400, "badRequest");
        assertFault(send("POST", "/v2.1/flavors", admin, Map.of("flavor", Map.of("name", "c.bad", "vcpus", 1,
                "disk", 1)), "2.1"), 400, "badRequest");
        Reply generated = send("POST", "/v2.1/flavors", admin, Map.of("flavor", Map.of("name", "c.uuid", "ram", "64",
                "vcpus", 1, "disk", 0, "description", "described")), "2.55");
        assertEquals(200, generated.status(), generated.text());
        String uuid = generated.json().path("flavor").path("id").asText();
        assertEquals(36, uuid.length());
        assertEquals("described", generated.json().path("flavor").path("description").asText());
        assertEquals(64, get("/v2.1/flavors/" + uuid, demo, "2.1").json().path("flavor").path("ram").asInt());

        assertFault(send("DELETE", "/v2.1/flavors/c-test", demo, null, "2.1"), 403, "forbidden");
        assertEquals(202, send("DELETE", "/v2.1/flavors/c-test", admin, null, "2.1").status());
        assertFault(get("/v2.1/flavors/c-test", demo, "2.1"), 404, "itemNotFound");
        assertFault(send("DELETE", "/v2.1/flavors/c-test", admin, null, "2.1"), 404, "itemNotFound");
        assertEquals(202, send("DELETE", "/v2.1/flavors/" + uuid, admin, null, "2.1").status());
    }

    @Test
    void descriptionsUpdateFrom255() {
        assertEquals(200, send("POST", "/v2.1/flavors", admin, Map.of("flavor", Map.of("name", "d.flavor", "ram", 128,
                "vcpus", 1, "disk", 1, "id", "d-flavor")), "2.55").status());
        assertFault(send("PUT", "/v2.1/flavors/d-flavor", admin, Map.of("flavor", Map.of("description", "x")), "2.54"),
                404, "itemNotFound");
        assertFault(send("PUT", "/v2.1/flavors/d-flavor", demo, Map.of("flavor", Map.of("description", "x")), "2.55"),
                403, "forbidden");
        assertFault(send("PUT", "/v2.1/flavors/d-flavor", admin, Map.of("flavor", Map.of("name", "x")), "2.55"),
                400, "badRequest");
        Reply updated = send("PUT", "/v2.1/flavors/d-flavor", admin, Map.of("flavor", Map.of("description", "new")),
                "2.55");
        assertEquals(200, updated.status(), updated.text());
        assertEquals("new", updated.json().path("flavor").path("description").asText());
        assertEquals("new", get("/v2.1/flavors/d-flavor", demo, "2.55").json().path("flavor").path("description")
                .asText());
        assertFalse(get("/v2.1/flavors/d-flavor", demo, "2.54").json().path("flavor").has("description"));
        send("DELETE", "/v2.1/flavors/d-flavor", admin, null, "2.1");
    }

    @Test
    void privateFlavorsAreSeenOnlyWithAccess() {
        String demoProject = cloud.projectOf(demo);
        Reply created = send("POST", "/v2.1/flavors", admin, Map.of("flavor", Map.of("name", "p.private", "ram", 256,
                "vcpus", 1, "disk", 1, "id", "p-private", "os-flavor-access:is_public", false)), "2.1");
        assertEquals(200, created.status(), created.text());
        assertFalse(created.json().path("flavor").path("os-flavor-access:is_public").asBoolean());
        assertFault(get("/v2.1/flavors/p-private", demo, "2.1"), 404, "itemNotFound");
        assertFalse(ids(get("/v2.1/flavors", demo, "2.1").json().path("flavors")).contains("p-private"));
        assertFalse(ids(get("/v2.1/flavors", admin, "2.1").json().path("flavors")).contains("p-private"));
        assertTrue(ids(get("/v2.1/flavors?is_public=none", admin, "2.1").json().path("flavors")).contains("p-private"));
        assertEquals(List.of("p-private"), ids(get("/v2.1/flavors?is_public=false", admin, "2.1").json().path("flavors")));
        assertFault(get("/v2.1/flavors?is_public=maybe", admin, "2.1"), 400, "badRequest");

        Map<String, Object> add = Map.of("addTenantAccess", Map.of("tenant", demoProject));
        assertFault(send("POST", "/v2.1/flavors/p-private/action", demo, add, "2.1"), 403, "forbidden");
        Reply added = send("POST", "/v2.1/flavors/p-private/action", admin, add, "2.1");
        assertEquals(200, added.status(), added.text());
        assertEquals(demoProject, added.json().path("flavor_access").get(0).path("tenant_id").asText());
        assertEquals("p-private", added.json().path("flavor_access").get(0).path("flavor_id").asText());
        assertFault(send("POST", "/v2.1/flavors/p-private/action", admin, add, "2.1"), 409, "conflictingRequest");
        assertEquals(200, get("/v2.1/flavors/p-private", demo, "2.1").status());
        assertTrue(ids(get("/v2.1/flavors", demo, "2.1").json().path("flavors")).contains("p-private"));
        assertEquals(1, get("/v2.1/flavors/p-private/os-flavor-access", admin, "2.1").json().path("flavor_access").size());
        assertFault(get("/v2.1/flavors/p-private/os-flavor-access", demo, "2.1"), 403, "forbidden");
        assertFault(get("/v2.1/flavors/1/os-flavor-access", admin, "2.1"), 404, "itemNotFound");
        assertFault(send("POST", "/v2.1/flavors/1/action", admin, add, "2.7"), 409, "conflictingRequest");

        Map<String, Object> remove = Map.of("removeTenantAccess", Map.of("tenant", demoProject));
        assertEquals(0, send("POST", "/v2.1/flavors/p-private/action", admin, remove, "2.1").json()
                .path("flavor_access").size());
        assertFault(send("POST", "/v2.1/flavors/p-private/action", admin, remove, "2.1"), 404, "itemNotFound");
        assertFault(get("/v2.1/flavors/p-private", demo, "2.1"), 404, "itemNotFound");
        send("DELETE", "/v2.1/flavors/p-private", admin, null, "2.1");
    }

    @Test
    void extraSpecsAreReadByProjectsAndWrittenByAdmins() {
        assertEquals(200, send("POST", "/v2.1/flavors", admin, Map.of("flavor", Map.of("name", "e.specs", "ram", 128,
                "vcpus", 1, "disk", 1, "id", "e-specs")), "2.1").status());
        Map<String, Object> specs = Map.of("extra_specs", Map.of("hw:cpu_policy", "dedicated", "quota:cpu_shares", 100));
        assertFault(send("POST", "/v2.1/flavors/e-specs/os-extra_specs", demo, specs, "2.1"), 403, "forbidden");
        Reply set = send("POST", "/v2.1/flavors/e-specs/os-extra_specs", admin, specs, "2.1");
        assertEquals(200, set.status(), set.text());
        assertEquals("100", set.json().path("extra_specs").path("quota:cpu_shares").asText());
        JsonNode listed = get("/v2.1/flavors/e-specs/os-extra_specs", demo, "2.1").json().path("extra_specs");
        assertEquals("dedicated", listed.path("hw:cpu_policy").asText());
        assertEquals("dedicated", get("/v2.1/flavors/e-specs/os-extra_specs/hw:cpu_policy", demo, "2.1").json()
                .path("hw:cpu_policy").asText());
        Reply put = send("PUT", "/v2.1/flavors/e-specs/os-extra_specs/hw:cpu_policy", admin,
                Map.of("hw:cpu_policy", "shared"), "2.1");
        assertEquals(200, put.status(), put.text());
        assertEquals("shared", put.json().path("hw:cpu_policy").asText());
        assertFault(send("PUT", "/v2.1/flavors/e-specs/os-extra_specs/hw:cpu_policy", admin,
                Map.of("other", "x"), "2.1"), 400, "badRequest");
        assertFault(send("PUT", "/v2.1/flavors/e-specs/os-extra_specs/a", admin, Map.of("a", "1", "b", "2"), "2.1"),
                400, "badRequest");
        assertFault(send("POST", "/v2.1/flavors/e-specs/os-extra_specs", admin,
                Map.of("extra_specs", Map.of("bad/key", "x")), "2.1"), 400, "badRequest");
        JsonNode flavor = get("/v2.1/flavors/e-specs", demo, "2.61").json().path("flavor");
        assertEquals("shared", flavor.path("extra_specs").path("hw:cpu_policy").asText());
        assertFalse(get("/v2.1/flavors/e-specs", demo, "2.60").json().path("flavor").has("extra_specs"));
        assertEquals(200, send("DELETE", "/v2.1/flavors/e-specs/os-extra_specs/hw:cpu_policy", admin, null, "2.1")
                .status());
        assertFault(get("/v2.1/flavors/e-specs/os-extra_specs/hw:cpu_policy", demo, "2.1"), 404, "itemNotFound");
        assertFault(send("DELETE", "/v2.1/flavors/e-specs/os-extra_specs/hw:cpu_policy", admin, null, "2.1"), 404,
                "itemNotFound");
        assertFault(send("DELETE", "/v2.1/flavors/e-specs/os-extra_specs/quota:cpu_shares", demo, null, "2.1"), 403,
                "forbidden");
        send("DELETE", "/v2.1/flavors/e-specs", admin, null, "2.1");
    }

    @Test
    void flavorsSortAndPage() {
        List<String> all = ids(get("/v2.1/flavors", demo, "2.1").json().path("flavors"));
        List<String> sorted = new ArrayList<>(all);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, all);
        JsonNode byRam = get("/v2.1/flavors/detail?sort_key=memory_mb&sort_dir=desc", demo, "2.1").json().path("flavors");
        assertEquals("m1.xlarge", byRam.get(0).path("name").asText());
        Reply first = get("/v2.1/flavors?limit=2", demo, "2.1");
        JsonNode page = first.json();
        assertEquals(2, page.path("flavors").size());
        String next = page.path("flavors_links").get(0).path("href").asText();
        assertTrue(next.contains("marker=" + page.path("flavors").get(1).path("id").asText()), next);
        assertTrue(next.contains("limit=2"), next);
        Reply second = get("/v2.1/flavors?limit=2&marker=" + page.path("flavors").get(1).path("id").asText(), demo, "2.1");
        assertEquals(all.subList(2, 4), ids(second.json().path("flavors")));
        assertFalse(get("/v2.1/flavors", demo, "2.1").json().has("flavors_links"));
        assertFault(get("/v2.1/flavors?sort_key=nope", demo, "2.1"), 400, "badRequest");
        assertFault(get("/v2.1/flavors?sort_dir=up", demo, "2.1"), 400, "badRequest");
        assertFault(get("/v2.1/flavors?marker=missing", demo, "2.1"), 400, "badRequest");
        assertFault(get("/v2.1/flavors?limit=-1", demo, "2.1"), 400, "badRequest");
        assertFault(get("/v2.1/flavors?minRam=lots", demo, "2.1"), 400, "badRequest");
        List<String> big = ids(get("/v2.1/flavors?minRam=8192", demo, "2.1").json().path("flavors"));
        assertEquals(List.of("4", "5"), big);
        assertEquals(List.of("5"), ids(get("/v2.1/flavors?minDisk=100", demo, "2.1").json().path("flavors")));
    }

    @Test
    void projectInTheUrlMustBeTheTokensProject() {
        String project = cloud.projectOf(demo);
        assertEquals(200, get("/v2.1/" + project + "/flavors/detail", demo, "2.1").status());
        assertFault(get("/v2.1/someone-else/flavors", demo, "2.1"), 400, "badRequest");
    }

    static String ed25519PublicKey() throws Exception {
        byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(blob);
        out.writeInt(11);
        out.writeBytes("ssh-ed25519");
        out.writeInt(32);
        out.write(raw);
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " someone@example";
    }

    static String md5Fingerprint(String publicKey) throws Exception {
        byte[] blob = Base64.getDecoder().decode(publicKey.split(" ")[1]);
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(blob));
        return hex.replaceAll("(..)(?!$)", "$1:");
    }

    @Test
    void keypairsAreGeneratedOrImportedPerUser() throws Exception {
        String user = cloud.userOfNewProject("kp-user", "member");
        Reply generated = send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "gen")), "2.1");
        assertEquals(200, generated.status(), generated.text());
        JsonNode keypair = generated.json().path("keypair");
        assertTrue(keypair.path("private_key").asText().startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertTrue(keypair.path("public_key").asText().startsWith("ssh-rsa AAAA"));
        assertEquals(md5Fingerprint(keypair.path("public_key").asText()), keypair.path("fingerprint").asText());
        assertFalse(keypair.has("type"));

        String publicKey = ed25519PublicKey();
        Reply imported = send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "imp",
                "public_key", publicKey)), "2.2");
        assertEquals(201, imported.status(), imported.text());
        assertEquals("ssh", imported.json().path("keypair").path("type").asText());
        assertFalse(imported.json().path("keypair").has("private_key"));
        assertEquals(md5Fingerprint(publicKey), imported.json().path("keypair").path("fingerprint").asText());
        assertFault(send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "imp",
                "public_key", publicKey)), "2.2"), 409, "conflictingRequest");
        assertFault(send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "junk",
                "public_key", "ssh-rsa bm90IGEga2V5")), "2.2"), 400, "badRequest");
        assertFault(send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "bad/name")), "2.1"),
                400, "badRequest");
        assertFault(send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "a@b.c",
                "public_key", publicKey)), "2.91"), 400, "badRequest");
        assertEquals(201, send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "a@b.c",
                "public_key", publicKey)), "2.92").status());
        assertFault(send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "nokey")), "2.92"),
                400, "badRequest");
        assertFault(send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "t", "type", "x509")),
                "2.1"), 400, "badRequest");

        JsonNode listed = get("/v2.1/os-keypairs", user, "2.2").json().path("keypairs");
        assertEquals(3, listed.size());
        assertEquals("ssh", listed.get(0).path("keypair").path("type").asText());
        assertEquals(0, get("/v2.1/os-keypairs", demo, "2.2").json().path("keypairs").size());
        assertFault(get("/v2.1/os-keypairs/gen", demo, "2.1"), 404, "itemNotFound");
        JsonNode shown = get("/v2.1/os-keypairs/gen", user, "2.2").json().path("keypair");
        assertEquals(cloud.userOf(user), shown.path("user_id").asText());
        assertFalse(shown.path("deleted").asBoolean());
        assertTrue(shown.path("id").isIntegralNumber());

        JsonNode page = get("/v2.1/os-keypairs?limit=1", user, "2.35").json();
        assertEquals(1, page.path("keypairs").size());
        assertTrue(page.path("keypairs_links").get(0).path("href").asText().contains("marker=a%40b.c"));
        assertEquals("gen", get("/v2.1/os-keypairs?limit=1&marker=a@b.c", user, "2.35").json().path("keypairs").get(0)
                .path("keypair").path("name").asText());
        assertFault(get("/v2.1/os-keypairs?marker=zzz", user, "2.35"), 400, "badRequest");

        assertEquals(202, send("DELETE", "/v2.1/os-keypairs/gen", user, null, "2.1").status());
        assertEquals(204, send("DELETE", "/v2.1/os-keypairs/imp", user, null, "2.2").status());
        assertFault(send("DELETE", "/v2.1/os-keypairs/imp", user, null, "2.2"), 404, "itemNotFound");
    }

    @Test
    void x509CertificatesImportFrom22() throws Exception {
        String pem;
        try (var in = getClass().getResourceAsStream("/io/strato/compute/x509-keypair.pem")) {
            pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        String user = cloud.userOfNewProject("x509-user", "member");
        Reply imported = send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "cert",
                "type", "x509", "public_key", pem)), "2.2");
        assertEquals(201, imported.status(), imported.text());
        assertEquals("x509", imported.json().path("keypair").path("type").asText());
        assertEquals("ca:2a:37:bc:2e:fd:7f:c9:70:f1:4b:ed:62:30:f7:9b:0e:1c:a5:13",
                imported.json().path("keypair").path("fingerprint").asText());
        assertFault(send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "cert2",
                "type", "x509", "public_key", "not a certificate")), "2.2"), 400, "badRequest");
        assertFault(send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "cert3",
                "type", "x509", "public_key", pem)), "2.1"), 400, "badRequest");
    }

    @Test
    void adminsActOnOtherUsersKeypairsFrom210() throws Exception {
        String demoUser = cloud.userOf(demo);
        String adminUser = cloud.userOf(admin);
        String publicKey = ed25519PublicKey();
        Reply forDemo = send("POST", "/v2.1/os-keypairs", admin, Map.of("keypair", Map.of("name", "given",
                "public_key", publicKey, "user_id", demoUser)), "2.10");
        assertEquals(201, forDemo.status(), forDemo.text());
        assertEquals(demoUser, forDemo.json().path("keypair").path("user_id").asText());
        assertEquals(200, get("/v2.1/os-keypairs/given", demo, "2.10").status());
        assertEquals(200, get("/v2.1/os-keypairs/given?user_id=" + demoUser, admin, "2.10").status());
        assertFault(get("/v2.1/os-keypairs/given", admin, "2.10"), 404, "itemNotFound");
        assertFault(send("POST", "/v2.1/os-keypairs", demo, Map.of("keypair", Map.of("name", "sneaky",
                "public_key", publicKey, "user_id", adminUser)), "2.10"), 403, "forbidden");
        assertFault(send("POST", "/v2.1/os-keypairs", admin, Map.of("keypair", Map.of("name", "early",
                "public_key", publicKey, "user_id", demoUser)), "2.9"), 400, "badRequest");
        assertFault(get("/v2.1/os-keypairs?user_id=" + adminUser, demo, "2.10"), 403, "forbidden");
        assertEquals(204, send("DELETE", "/v2.1/os-keypairs/given?user_id=" + demoUser, admin, null, "2.10").status());
    }

    @Test
    void keypairQuotaIsEnforced() throws Exception {
        String user = cloud.userOfNewProject("kp-quota", "member");
        String project = cloud.projectOf(user);
        assertEquals(200, send("PUT", "/v2.1/os-quota-sets/" + project, admin,
                Map.of("quota_set", Map.of("key_pairs", 1)), "2.1").status());
        assertEquals(201, send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "one",
                "public_key", ed25519PublicKey())), "2.2").status());
        assertFault(send("POST", "/v2.1/os-keypairs", user, Map.of("keypair", Map.of("name", "two",
                "public_key", ed25519PublicKey())), "2.2"), 403, "forbidden");
    }

    @Test
    void availabilityZonesListTheConfiguredZone() {
        JsonNode zones = get("/v2.1/os-availability-zone", demo, "2.1").json().path("availabilityZoneInfo");
        assertEquals("nova", zones.get(0).path("zoneName").asText());
        assertTrue(zones.get(0).path("zoneState").path("available").asBoolean());
        assertFault(get("/v2.1/os-availability-zone/detail", demo, "2.1"), 403, "forbidden");
        assertEquals(200, get("/v2.1/os-availability-zone/detail", admin, "2.1").status());
    }

    @Test
    void limitsFollowQuotasAndMicroversions() {
        String user = cloud.userOfNewProject("limits-user", "reader");
        String project = cloud.projectOf(user);
        JsonNode absolute = get("/v2.1/limits", user, "2.1").json().path("limits").path("absolute");
        assertEquals(10, absolute.path("maxTotalInstances").asInt());
        assertEquals(20, absolute.path("maxTotalCores").asInt());
        assertEquals(51200, absolute.path("maxTotalRAMSize").asInt());
        assertEquals(100, absolute.path("maxTotalKeypairs").asInt());
        assertEquals(128, absolute.path("maxServerMeta").asInt());
        assertEquals(0, absolute.path("totalInstancesUsed").asInt());
        assertTrue(absolute.has("maxTotalFloatingIps") && absolute.has("maxImageMeta") && absolute.has("maxPersonality"));
        JsonNode late = get("/v2.1/limits", user, "2.57").json().path("limits").path("absolute");
        assertFalse(late.has("maxTotalFloatingIps") || late.has("maxImageMeta") || late.has("maxPersonality"));
        send("PUT", "/v2.1/os-quota-sets/" + project, admin, Map.of("quota_set", Map.of("cores", 7)), "2.1");
        assertEquals(7, get("/v2.1/limits", user, "2.1").json().path("limits").path("absolute").path("maxTotalCores")
                .asInt());
        assertEquals(7, get("/v2.1/limits?tenant_id=" + project, admin, "2.1").json().path("limits").path("absolute")
                .path("maxTotalCores").asInt());
        assertFault(get("/v2.1/limits?tenant_id=" + cloud.projectOf(admin), user, "2.1"), 403, "forbidden");
    }

    @Test
    void quotaSetsAreReadByTheProjectAndWrittenByAdmins() {
        String user = cloud.userOfNewProject("quota-user", "member");
        String project = cloud.projectOf(user);
        JsonNode set = get("/v2.1/os-quota-sets/" + project, user, "2.1").json().path("quota_set");
        assertEquals(project, set.path("id").asText());
        assertEquals(10, set.path("instances").asInt());
        assertTrue(set.has("floating_ips") && set.has("injected_files"));
        JsonNode late = get("/v2.1/os-quota-sets/" + project, user, "2.57").json().path("quota_set");
        assertFalse(late.has("floating_ips") || late.has("injected_files"));
        assertFault(get("/v2.1/os-quota-sets/" + cloud.projectOf(admin), user, "2.1"), 403, "forbidden");
        assertFault(send("PUT", "/v2.1/os-quota-sets/" + project, user, Map.of("quota_set", Map.of("cores", 50)), "2.1"),
                403, "forbidden");
        Reply updated = send("PUT", "/v2.1/os-quota-sets/" + project, admin,
                Map.of("quota_set", Map.of("cores", 50, "instances", -1, "force", true)), "2.1");
        assertEquals(200, updated.status(), updated.text());
        assertEquals(50, updated.json().path("quota_set").path("cores").asInt());
        assertFalse(updated.json().path("quota_set").has("id"));
        assertEquals(-1, get("/v2.1/os-quota-sets/" + project, user, "2.1").json().path("quota_set").path("instances")
                .asInt());
        assertFault(send("PUT", "/v2.1/os-quota-sets/" + project, admin, Map.of("quota_set", Map.of("bogus", 1)), "2.1"),
                400, "badRequest");
        assertFault(send("PUT", "/v2.1/os-quota-sets/" + project, admin,
                Map.of("quota_set", Map.of("floating_ips", 1)), "2.36"), 400, "badRequest");
        assertFault(send("PUT", "/v2.1/os-quota-sets/" + project, admin, Map.of("quota_set", Map.of("cores", -2)), "2.1"),
                400, "badRequest");
        JsonNode detail = get("/v2.1/os-quota-sets/" + project + "/detail", user, "2.1").json().path("quota_set");
        assertEquals(50, detail.path("cores").path("limit").asInt());
        assertEquals(0, detail.path("cores").path("in_use").asInt());
        assertEquals(20, get("/v2.1/os-quota-sets/" + project + "/defaults", user, "2.1").json().path("quota_set")
                .path("cores").asInt());
        assertFault(send("DELETE", "/v2.1/os-quota-sets/" + project, user, null, "2.1"), 403, "forbidden");
        assertEquals(202, send("DELETE", "/v2.1/os-quota-sets/" + project, admin, null, "2.1").status());
        assertEquals(20, get("/v2.1/os-quota-sets/" + project, user, "2.1").json().path("quota_set").path("cores").asInt());
    }

    @Test
    void readersReadButDoNotWriteFlavorData() {
        String reader = cloud.userOfNewProject("flavor-reader", "reader");
        assertEquals(200, get("/v2.1/flavors/detail", reader, "2.61").status());
        assertEquals(200, get("/v2.1/flavors/1/os-extra_specs", reader, "2.1").status());
        assertFault(send("POST", "/v2.1/flavors/1/os-extra_specs", reader,
                Map.of("extra_specs", Map.of("a", "b")), "2.1"), 403, "forbidden");
    }
}
