package io.strato.identity.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;

/** Version discovery: {@code /} lists the versions, {@code /v3} describes Identity v3. */
final class VersionResource {
    void register(Router router) {
        router.add("GET", "/", request -> Response.json(300, versions(request)), true);
        router.add("GET", "/v3", request -> Response.ok(Views.wrap("version", version(request))), true);
    }

    private static ObjectNode versions(Request request) {
        ObjectNode body = Json.object();
        body.putObject("versions").putArray("values").add(version(request));
        return body;
    }

    private static ObjectNode version(Request request) {
        ObjectNode version = Json.object();
        version.put("id", "v3.14").put("status", "stable").put("updated", "2020-04-07T00:00:00Z");
        version.putArray("links").addObject().put("rel", "self").put("href", request.baseUrl() + "/v3/");
        version.putArray("media-types").addObject().put("base", "application/json")
                .put("type", "application/vnd.openstack.identity-v3+json");
        return version;
    }
}
