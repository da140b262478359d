package io.strato.compute.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;

/** Version discovery: {@code GET /} lists the API versions, {@code GET /v2.1} describes v2.1, as Nova shows them. */
final class VersionsResource {
    void register(Router router) {
        router.add("GET", "/", request -> Response.ok(list(request)), true);
        router.add("GET", ComputeRoutes.PREFIX, request -> Response.ok(one(request)), true);
    }

    private static ObjectNode version(Request request) {
        ObjectNode version = Json.object();
        version.put("id", "v2.1").put("status", "CURRENT").put("version", ComputeVersions.MAXIMUM.toString())
                .put("min_version", ComputeVersions.MINIMUM.toString()).put("updated", "2013-07-23T11:33:21Z");
        version.putArray("links").addObject().put("rel", "self").put("href", request.baseUrl() + "/v2.1/");
        return version;
    }

    private static ObjectNode list(Request request) {
        ObjectNode body = Json.object();
        body.putArray("versions").add(version(request));
        return body;
    }

    private static ObjectNode one(Request request) {
        ObjectNode version = version(request);
        version.withArray("links").addObject().put("rel", "describedby").put("type", "text/html")
                .put("href", "http://docs.openstack.org/");
        version.putArray("media-types").addObject().put("base", "application/json")
                .put("type", "application/vnd.openstack.compute+json;version=2.1");
        ObjectNode body = Json.object();
        body.set("version", version);
        return body;
    }
}
