package io.strato.image.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.platform.testing.ApiClient.Reply;
import io.strato.platform.testing.TestDatabases;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Quotas, the size cap and interrupted uploads. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageLimitsIT {
    private ImageTestCloud cloud;

    @BeforeAll
    void start() throws Exception {
        cloud = ImageTestCloud.start(TestDatabases.Engine.H2, Map.of("image.quota.images", "3",
                "image.quota.bytes", "10000"));
    }

    @AfterAll
    void stop() {
        cloud.close();
    }

    private String create(String token, String name) {
        Reply reply = cloud.image.post("/v2/images", token, Map.of("name", name, "disk_format", "raw",
                "container_format", "bare"));
        assertEquals(201, reply.status(), reply.text());
        return reply.json().path("id").asText();
    }

    @Test
    void countAndByteQuotasAnswer413AndChangeNothing() {
        String token = cloud.memberOfNewProject("quota-user");
        String first = create(token, "q1");
        assertEquals(204, cloud.image.send("PUT", "/v2/images/" + first + "/file", token, new byte[8000],
                ImageContractIT.OCTETS).status());
        String second = create(token, "q2");
        Reply over = cloud.image.send("PUT", "/v2/images/" + second + "/file", token, new byte[3000],
                ImageContractIT.OCTETS);
        assertEquals(413, over.status(), over.text());
        assertTrue(over.json().path("message").asText().contains("quota"), over.text());
        assertEquals("queued", cloud.image.get("/v2/images/" + second, token).json().path("status").asText());
        create(token, "q3");
        Reply tooMany = cloud.image.post("/v2/images", token, Map.of("name", "q4"));
        assertEquals(413, tooMany.status());
        assertTrue(tooMany.json().path("message").asText().contains("image count quota"), tooMany.text());
    }

    /** Polls until the image has the status (bounded); returns the last status seen. */
    private String awaitStatus(String token, String id, String wanted) throws InterruptedException {
        String status = "";
        for (int i = 0; i < 200 && !status.equals(wanted); i++) {
            status = cloud.image.get("/v2/images/" + id, token).json().path("status").asText();
            if (!status.equals(wanted)) {
                Thread.sleep(25);
            }
        }
        return status;
    }

    @Test
    void anInterruptedUploadLeavesTheImageQueuedWithNoData() throws Exception {
        String token = cloud.memberOfNewProject("cut-user");
        String id = create(token, "cut");
        URI uri = URI.create(cloud.imageUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nX-Auth-Token: " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 5000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1000]);
            out.flush();
            assertEquals("saving", awaitStatus(token, id, "saving"), "the upload has started");
        }
        String status = awaitStatus(token, id, "queued");
        assertEquals("queued", status);
        assertEquals(204, cloud.image.get("/v2/images/" + id + "/file", token).status(), "no partial data is served");
        assertEquals(204, cloud.image.send("PUT", "/v2/images/" + id + "/file", token, new byte[100],
                ImageContractIT.OCTETS).status(), "the upload can be tried again");
    }
}
