package io.strato.identity.rest;

import io.strato.platform.http.ApiException;
import io.strato.platform.http.FaultRenderer;
import io.strato.platform.http.Response;
import io.strato.platform.json.Json;

/** Keystone's fault body: {@code {"error": {"code", "title", "message"}}}. */
public final class KeystoneFaults implements FaultRenderer {
    @Override
    public Response render(ApiException error) {
        var body = Json.object();
        body.putObject("error").put("code", error.status()).put("title", error.title()).put("message", error.getMessage());
        Response response = Response.json(error.status(), body);
        if (error.status() == 401) {
            response.header("WWW-Authenticate", "Keystone uri=\"/identity\"");
        }
        return response;
    }
}
