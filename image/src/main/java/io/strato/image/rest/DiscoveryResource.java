package io.strato.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.image.blob.BlobStore;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Version discovery, {@code /v2/schemas/*} and {@code /v2/info/*}. */
final class DiscoveryResource {
    private static final List<String> VERSIONS = List.of("2.16", "2.15", "2.14", "2.13", "2.12", "2.11", "2.10",
            "2.9", "2.8", "2.7", "2.6", "2.5", "2.4", "2.3", "2.2", "2.1", "2.0");

    private final BlobStore blobs;
    private final JsonNode schemas;

    DiscoveryResource(BlobStore blobs) {
        this.blobs = blobs;
        try (InputStream in = DiscoveryResource.class.getResourceAsStream("/io/strato/image/schemas.json")) {
            this.schemas = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Router router) {
        router.add("GET", "/", request -> Response.json(300, versions(request)), true);
        router.add("GET", "/versions", request -> Response.ok(versions(request)), true);
        router.add("GET", "/v2", request -> Response.json(300, versions(request)), true);
        router.get("/v2/schemas/{name}", this::schema);
        router.get("/v2/info/import", request -> {
            ObjectNode body = Json.object();
            ObjectNode methods = body.putObject("import-methods");
            methods.put("description", "Import methods available.").put("type", "array");
            methods.putArray("value").add("glance-direct");
            return Response.ok(body);
        });
        router.get("/v2/info/stores", request -> {
            ObjectNode body = Json.object();
            body.putArray("stores").addObject().put("id", blobs.id()).put("description", "Filesystem store in the data dir")
                    .put("default", true);
            return Response.ok(body);
        });
    }

    private Response schema(Request request) {
        JsonNode schema = schemas.get(request.pathParam("name"));
        if (schema == null) {
            throw ApiException.notFound("No schema named " + request.pathParam("name") + ".");
        }
        return Response.ok(schema);
    }

    private static ObjectNode versions(Request request) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("versions");
        for (String version : VERSIONS) {
            ObjectNode item = list.addObject();
            item.put("id", "v" + version).put("status", version.equals(VERSIONS.get(0)) ? "CURRENT" : "SUPPORTED");
            item.putArray("links").addObject().put("rel", "self").put("href", request.baseUrl() + "/v2/");
        }
        return body;
    }
}
