package io.strato.image.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strato.platform.testing.ApiClient.Reply;
import io.strato.platform.testing.TestDatabases;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Image v2 behaviour every database engine must give; subclasses pick the engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageContractIT {
    static final Map<String, String> OCTETS = Map.of("Content-Type", "application/octet-stream");
    static final Map<String, String> PATCH = Map.of("Content-Type", "application/openstack-images-v2.1-json-patch");

    ImageTestCloud cloud;

    abstract TestDatabases.Engine engine();

    @BeforeAll
    void start() throws Exception {
        cloud = ImageTestCloud.start(engine(), Map.of());
    }

    @AfterAll
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    String create(String token, Map<String, Object> attributes) {
        Reply reply = cloud.image.post("/v2/images", token, attributes);
        assertEquals(201, reply.status(), reply.text());
        return reply.json().path("id").asText();
    }

    static byte[] bytes(int size, int seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void uploadedBytesComeBackIdenticalWithChecksums() throws Exception {
        String token = cloud.demoToken();
        String id = create(token, Map.of("name", "data", "disk_format", "raw", "container_format", "bare"));
        byte[] data = bytes(3_000_000, 1);
        Reply upload = cloud.image.send("PUT", "/v2/images/" + id + "/file", token, data, OCTETS);
        assertEquals(204, upload.status(), upload.text());
        JsonNode image = cloud.image.get("/v2/images/" + id, token).json();
        assertEquals("active", image.path("status").asText());
        assertEquals(data.length, image.path("size").asLong());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)), image.path("checksum").asText());
        assertEquals("sha512", image.path("os_hash_algo").asText());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data)),
                image.path("os_hash_value").asText());
        Reply download = cloud.image.get("/v2/images/" + id + "/file", token);
        assertEquals(200, download.status());
        assertEquals(image.path("checksum").asText(), download.header("Content-MD5").orElseThrow());
        assertArrayEquals(data, download.body());
        Reply range = cloud.image.send("GET", "/v2/images/" + id + "/file", token, null, Map.of("Range", "bytes=10-19"));
        assertEquals(206, range.status());
        assertEquals("bytes 10-19/" + data.length, range.header("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 10, 20), range.body());
        assertEquals(416, cloud.image.send("GET", "/v2/images/" + id + "/file", token, null,
                Map.of("Range", "bytes=9999999-")).status());
        assertEquals(409, cloud.image.send("PUT", "/v2/images/" + id + "/file", token, data, OCTETS).status(),
                "an active image takes no second upload");
    }

    @Test
    void sharingFollowsGlanceRules() {
        String owner = cloud.memberOfNewProject("sharer");
        String other = cloud.demoToken();
        String otherProject = cloud.projectOf(other);
        String shared = create(owner, Map.of("name", "to-share", "disk_format", "raw", "container_format", "bare"));
        String priv = create(owner, Map.of("name", "mine", "visibility", "private"));
        assertEquals(404, cloud.image.get("/v2/images/" + shared, other).status(), "not a member yet");
        assertEquals(404, cloud.image.get("/v2/images/" + priv, other).status());
        Reply member = cloud.image.post("/v2/images/" + shared + "/members", owner, Map.of("member", otherProject));
        assertEquals(200, member.status(), member.text());
        assertEquals("pending", member.json().path("status").asText());
        assertEquals(403, cloud.image.post("/v2/images/" + priv + "/members", owner, Map.of("member", otherProject)).status());
        assertEquals(200, cloud.image.get("/v2/images/" + shared, other).status(), "a member sees it even when pending");
        assertFalse(names(cloud.image.get("/v2/images", other)).contains("to-share"), "pending is not listed");
        assertEquals(403, cloud.image.send("PUT", "/v2/images/" + shared + "/members/" + otherProject, owner,
                Map.of("status", "accepted"), Map.of()).status(), "only the member accepts");
        assertEquals(200, cloud.image.send("PUT", "/v2/images/" + shared + "/members/" + otherProject, other,
                Map.of("status", "accepted"), Map.of()).status());
        assertTrue(names(cloud.image.get("/v2/images", other)).contains("to-share"));
        assertEquals(1, cloud.image.get("/v2/images/" + shared + "/members", other).json().path("members").size());
        assertEquals(403, cloud.image.send("PATCH", "/v2/images/" + shared, other,
                List.of(Map.of("op", "replace", "path", "/name", "value", "stolen")), PATCH).status());
        assertEquals(403, cloud.image.post("/v2/images", other, Map.of("name", "pub", "visibility", "public")).status(),
                "only an administrator publishes");
    }

    @Test
    void jsonPatchChangesCoreAndCustomPropertiesAndRefusesReadOnlyOnes() {
        String token = cloud.demoToken();
        String id = create(token, Map.of("name", "patchy", "disk_format", "qcow2", "container_format", "bare",
                "hw_disk_bus", "virtio"));
        Reply patched = cloud.image.send("PATCH", "/v2/images/" + id, token, List.of(
                Map.of("op", "replace", "path", "/name", "value", "patched"),
                Map.of("op", "add", "path", "/os_distro", "value", "debian"),
                Map.of("op", "remove", "path", "/hw_disk_bus"),
                Map.of("op", "replace", "path", "/min_ram", "value", 512)), PATCH);
        assertEquals(200, patched.status(), patched.text());
        assertEquals("patched", patched.json().path("name").asText());
        assertEquals("debian", patched.json().path("os_distro").asText());
        assertTrue(patched.json().path("hw_disk_bus").isMissingNode());
        assertEquals(512, patched.json().path("min_ram").asInt());
        assertEquals(403, cloud.image.send("PATCH", "/v2/images/" + id, token,
                List.of(Map.of("op", "replace", "path", "/status", "value", "active")), PATCH).status());
        assertEquals(415, cloud.image.send("PATCH", "/v2/images/" + id, token,
                List.of(Map.of("op", "replace", "path", "/name", "value", "x")), Map.of()).status());
        assertEquals(400, cloud.image.send("PATCH", "/v2/images/" + id, token,
                List.of(Map.of("op", "replace", "path", "/min_ram", "value", "lots")), PATCH).status());
        assertEquals("patched", cloud.image.get("/v2/images/" + id, token).json().path("name").asText(),
                "a refused patch changes nothing");
    }

    @Test
    void listingFiltersSortsAndPages() {
        String token = cloud.memberOfNewProject("lister");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(token, Map.of("name", "page-" + i, "disk_format", i % 2 == 0 ? "raw" : "qcow2",
                    "container_format", "bare", "visibility", "private", "tier", i < 2 ? "gold" : "silver")));
        }
        Reply first = cloud.image.get("/v2/images?visibility=private&sort=name:asc&limit=2", token);
        assertEquals(List.of("page-0", "page-1"), names(first));
        String next = first.json().path("next").asText();
        assertTrue(next.contains("marker="), next);
        assertEquals(List.of("page-2", "page-3"), names(cloud.image.get(next, token)));
        assertEquals(List.of("page-0", "page-2", "page-4"),
                names(cloud.image.get("/v2/images?visibility=private&disk_format=raw&sort_key=name&sort_dir=asc", token)));
        assertEquals(List.of("page-0", "page-1"),
                names(cloud.image.get("/v2/images?tier=gold&sort_key=name&sort_dir=asc", token)));
        assertEquals(List.of("page-3", "page-4"),
                names(cloud.image.get("/v2/images?name=in:page-3,page-4&sort_key=name&sort_dir=asc", token)));
        assertEquals(400, cloud.image.get("/v2/images?sort_key=nonsense", token).status());
        assertEquals(400, cloud.image.get("/v2/images?marker=no-such-image", token).status());
        assertEquals(400, cloud.image.get("/v2/images?limit=-1", token).status());
    }

    @Test
    void contentThatContradictsItsFormatOrTheLimitsLeavesNoActiveImage() {
        String token = cloud.demoToken();
        String id = create(token, Map.of("name", "no-formats"));
        assertEquals(400, cloud.image.send("PUT", "/v2/images/" + id + "/file", token, bytes(10, 2), OCTETS).status(),
                "formats must be set first");
        assertEquals(415, cloud.image.send("PUT", "/v2/images/" + id + "/file", token, bytes(10, 2),
                Map.of("Content-Type", "text/plain")).status());
        assertEquals("queued", cloud.image.get("/v2/images/" + id, token).json().path("status").asText());
    }

    @Test
    void protectedImagesSurviveDeleteAndDeletionRemovesTheBytes() throws Exception {
        String token = cloud.demoToken();
        String id = create(token, Map.of("name", "guarded", "disk_format", "raw", "container_format", "bare",
                "protected", true));
        cloud.image.send("PUT", "/v2/images/" + id + "/file", token, bytes(1000, 3), OCTETS);
        assertEquals(403, cloud.image.delete("/v2/images/" + id, token).status());
        cloud.image.send("PATCH", "/v2/images/" + id, token,
                List.of(Map.of("op", "replace", "path", "/protected", "value", false)), PATCH);
        assertEquals(204, cloud.image.delete("/v2/images/" + id, token).status());
        assertEquals(404, cloud.image.get("/v2/images/" + id, token).status());
        try (var files = java.nio.file.Files.list(cloud.imageDirectory)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(id)), "the bytes are gone");
        }
    }

    @Test
    void readersReadButDoNotWrite() {
        String reader = cloud.userOfNewProject("image-reader", "reader");
        assertEquals(200, cloud.image.get("/v2/images", reader).status());
        Reply create = cloud.image.post("/v2/images", reader, Map.of("name", "nope"));
        assertEquals(403, create.status());
        assertTrue(create.json().path("message").asText().contains("add_image"), create.text());
    }

    @Test
    void deactivatedImagesCannotBeDownloadedByUsers() {
        String admin = cloud.adminToken();
        String id = create(admin, Map.of("name", "deactivate-me", "disk_format", "raw", "container_format", "bare",
                "visibility", "public"));
        cloud.image.send("PUT", "/v2/images/" + id + "/file", admin, bytes(100, 4), OCTETS);
        String user = cloud.demoToken();
        assertEquals(403, cloud.image.post("/v2/images/" + id + "/actions/deactivate", user, null).status());
        assertEquals(204, cloud.image.post("/v2/images/" + id + "/actions/deactivate", admin, null).status());
        assertEquals(403, cloud.image.get("/v2/images/" + id + "/file", user).status());
        assertEquals(200, cloud.image.get("/v2/images/" + id + "/file", admin).status());
        assertEquals(204, cloud.image.post("/v2/images/" + id + "/actions/reactivate", admin, null).status());
        assertEquals(200, cloud.image.get("/v2/images/" + id + "/file", user).status());
    }

    @Test
    void stagedDataIsImportedWithGlanceDirect() throws Exception {
        String token = cloud.demoToken();
        String id = create(token, Map.of("name", "imported", "disk_format", "raw", "container_format", "bare"));
        assertEquals(204, cloud.image.send("PUT", "/v2/images/" + id + "/stage", token, bytes(5000, 5), OCTETS).status());
        assertEquals("uploading", cloud.image.get("/v2/images/" + id, token).json().path("status").asText());
        Reply imported = cloud.image.post("/v2/images/" + id + "/import", token,
                Map.of("method", Map.of("name", "glance-direct")));
        assertEquals(202, imported.status());
        String status = "";
        for (int i = 0; i < 100 && !status.equals("active"); i++) {
            status = cloud.image.get("/v2/images/" + id, token).json().path("status").asText();
            Thread.sleep(50);
        }
        assertEquals("active", status);
        assertEquals(5000, cloud.image.get("/v2/images/" + id, token).json().path("size").asLong());
        JsonNode task = cloud.image.get("/v2/images/" + id + "/tasks", token).json().path("tasks").get(0);
        for (int i = 0; i < 100 && !task.path("status").asText().equals("success"); i++) {
            Thread.sleep(50);
            task = cloud.image.get("/v2/images/" + id + "/tasks", token).json().path("tasks").get(0);
        }
        assertEquals("success", task.path("status").asText(), task.toString());
        assertEquals(imported.header("x-openstack-request-id").orElseThrow(), task.path("request_id").asText());
        assertEquals("glance-direct", task.path("input").path("import_req").path("method").path("name").asText());
        JsonNode methods = cloud.image.get("/v2/info/import", token).json();
        assertEquals("glance-direct", methods.path("import-methods").path("value").get(0).asText());
    }

    private static List<String> names(Reply reply) {
        List<String> names = new ArrayList<>();
        reply.json().path("images").forEach(i -> names.add(i.path("name").asText()));
        return names;
    }
}
