package io.strato.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicroversionTest {
    private static final Microversion.Range COMPUTE = new Microversion.Range("compute", "X-OpenStack-Nova-API-Version",
            Microversion.parse("2.1"), Microversion.parse("2.96"));

    private static Request request(Map<String, String> headers) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        headers.forEach((k, v) -> map.put(k, List.of(v)));
        return new Request("GET", "/v2.1/flavors", null, map, new ByteArrayInputStream(new byte[0]), 0, "req-1",
                "http://localhost");
    }

    @Test
    void parsesAndOrdersNumerically() {
        assertEquals(new Microversion(2, 95), Microversion.parse("2.95"));
        assertTrue(Microversion.parse("2.10").compareTo(Microversion.parse("2.9")) > 0);
        assertTrue(Microversion.parse("2.96").isAtLeast("2.61"));
        assertTrue(Microversion.parse("2.1").isAtMost("2.1"));
        assertEquals("2.0", Microversion.parse("2.0").toString());
        for (String bad : new String[] {"2", "2.", ".1", "2.01", "v2.1", "2.1.1", "two.one", "", "02.1", "2.99999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> Microversion.parse(bad), bad);
        }
    }

    @Test
    void negotiatesFromEitherHeader() {
        assertEquals("2.1", COMPUTE.negotiate(request(Map.of())).toString());
        assertEquals("2.79", COMPUTE.negotiate(request(Map.of("OpenStack-API-Version", "compute 2.79"))).toString());
        assertEquals("2.79", COMPUTE.negotiate(request(Map.of("X-OpenStack-Nova-API-Version", "2.79"))).toString());
        assertEquals("2.96", COMPUTE.negotiate(request(Map.of("OpenStack-API-Version", "compute latest"))).toString());
        assertEquals("2.96", COMPUTE.negotiate(request(Map.of("X-OpenStack-Nova-API-Version", "latest"))).toString());
        assertEquals("2.60", COMPUTE.negotiate(request(Map.of("openstack-api-version", "volume 3.5, compute 2.60")))
                .toString());
        // the new header wins over the legacy one; another service's entry falls back to the legacy header
        assertEquals("2.10", COMPUTE.negotiate(request(Map.of("OpenStack-API-Version", "compute 2.10",
                "X-OpenStack-Nova-API-Version", "2.20"))).toString());
        assertEquals("2.20", COMPUTE.negotiate(request(Map.of("OpenStack-API-Version", "volume 3.10",
                "X-OpenStack-Nova-API-Version", "2.20"))).toString());
        assertEquals("2.1", COMPUTE.negotiate(request(Map.of("OpenStack-API-Version", "image 2.1"))).toString());
    }

    @Test
    void refusesVersionsOutOfRangeWith406AndMalformedWith400() {
        ApiException high = assertThrows(ApiException.class,
                () -> COMPUTE.negotiate(request(Map.of("OpenStack-API-Version", "compute 2.200"))));
        assertEquals(406, high.status());
        assertEquals("Version 2.200 is not supported by the API. Minimum is 2.1 and maximum is 2.96.", high.getMessage());
        assertEquals(406, assertThrows(ApiException.class,
                () -> COMPUTE.negotiate(request(Map.of("X-OpenStack-Nova-API-Version", "2.0")))).status());
        assertEquals(406, assertThrows(ApiException.class,
                () -> COMPUTE.negotiate(request(Map.of("X-OpenStack-Nova-API-Version", "3.0")))).status());
        ApiException malformed = assertThrows(ApiException.class,
                () -> COMPUTE.negotiate(request(Map.of("OpenStack-API-Version", "compute 2.x"))));
        assertEquals(400, malformed.status());
        assertTrue(malformed.getMessage().contains("2.x"), malformed.getMessage());
    }

    @Test
    void responseHeadersNameTheServedVersion() {
        Response response = COMPUTE.addHeaders(Response.empty(200), Microversion.parse("2.61"));
        assertEquals("compute 2.61", response.headers().get("OpenStack-API-Version"));
        assertEquals("2.61", response.headers().get("X-OpenStack-Nova-API-Version"));
        assertEquals("OpenStack-API-Version, X-OpenStack-Nova-API-Version", response.headers().get("Vary"));
    }
}
