package io.strato.compute.rest;

import io.strato.platform.http.ApiException;
import io.strato.platform.http.FaultRenderer;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;
import java.util.Map;

/** Nova's fault body: {@code {"itemNotFound": {"code": 404, "message": "..."}}}, named as nova.api.openstack.wsgi.Fault names them. */
public final class NovaFaults implements FaultRenderer {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(400, "badRequest"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
            Map.entry(404, "itemNotFound"), Map.entry(405, "badMethod"), Map.entry(409, "conflictingRequest"),
            Map.entry(413, "overLimit"), Map.entry(415, "badMediaType"), Map.entry(429, "overLimit"),
            Map.entry(501, "notImplemented"), Map.entry(503, "serviceUnavailable"));

    public static String name(int status) {
        return NAMES.getOrDefault(status, "computeFault");
    }

    @Override
    public Response render(ApiException error) {
        var body = Json.object();
        body.putObject(name(error.status())).put("code", error.status()).put("message", error.getMessage());
        return Response.json(error.status(), body);
    }
}
