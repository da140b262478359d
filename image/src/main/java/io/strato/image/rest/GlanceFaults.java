package io.strato.image.rest;

import io.strato.platform.http.ApiException;
import io.strato.platform.http.FaultRenderer;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;

/** Glance's error body (webob's JSON form): {@code {"code": "404 Not Found", "title", "message"}}. */
public final class GlanceFaults implements FaultRenderer {
    @Override
    public Response render(ApiException error) {
        var body = Json.object();
        body.put("code", error.status() + " " + error.title()).put("title", error.title()).put("message", error.getMessage());
        return Response.json(error.status(), body);
    }
}
