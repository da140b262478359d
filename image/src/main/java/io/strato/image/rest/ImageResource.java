package io.strato.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.image.api.Image;
import io.strato.image.blob.BlobStore;
import io.strato.image.core.Caller;
import io.strato.image.core.ImageManager;
import io.strato.image.core.ImageQuery;
import io.strato.image.core.ImageUploads;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /v2/images}: records, JSON-patch updates, data upload and download, import, tags, actions. */
final class ImageResource {
    private static final Set<String> PATCH_TYPES = Set.of("application/openstack-images-v2.1-json-patch",
            "application/openstack-images-v2.0-json-patch");
    private static final Set<String> NOT_FILTERS = Set.of("limit", "marker", "sort_key", "sort_dir", "sort",
            "visibility", "member_status");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final int DEFAULT_LIMIT = 25;
    private static final int MAX_LIMIT = 1000;

    private final ImageManager images;
    private final ImageUploads uploads;
    private final BlobStore blobs;

    ImageResource(ImageManager images, ImageUploads uploads, BlobStore blobs) {
        this.images = images;
        this.uploads = uploads;
        this.blobs = blobs;
    }

    void register(Router router) {
        router.post("/v2/images", this::create);
        router.get("/v2/images", this::list);
        router.get("/v2/images/{image_id}", this::show);
        router.patch("/v2/images/{image_id}", this::update);
        router.delete("/v2/images/{image_id}", this::delete);
        router.put("/v2/images/{image_id}/file", this::upload);
        router.get("/v2/images/{image_id}/file", this::download);
        router.put("/v2/images/{image_id}/stage", this::stage);
        router.post("/v2/images/{image_id}/import", this::importImage);
        router.get("/v2/images/{image_id}/tasks", this::tasks);
        router.post("/v2/images/{image_id}/actions/deactivate", r -> {
            images.deactivate(Caller.of(r.auth()), r.pathParam("image_id"));
            return Response.empty(204);
        });
        router.post("/v2/images/{image_id}/actions/reactivate", r -> {
            images.reactivate(Caller.of(r.auth()), r.pathParam("image_id"));
            return Response.empty(204);
        });
        router.put("/v2/images/{image_id}/tags/{tag}", r -> {
            images.addTag(Caller.of(r.auth()), r.pathParam("image_id"), r.pathParam("tag"));
            return Response.empty(204);
        });
        router.delete("/v2/images/{image_id}/tags/{tag}", r -> {
            images.removeTag(Caller.of(r.auth()), r.pathParam("image_id"), r.pathParam("tag"));
            return Response.empty(204);
        });
    }

    private Response create(Request request) {
        Caller caller = Caller.of(request.auth());
        ObjectNode body = request.jsonObject();
        String id = body.hasNonNull("id") ? body.get("id").asText() : UUID.randomUUID().toString();
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Invalid image id " + id + ": it must be a UUID.");
        }
        var now = images.now();
        Image blank = new Image(id, null, caller.projectId(), Image.QUEUED, "shared", false, false, null, null, 0, 0,
                null, null, null, null, null, null, now, now, Map.of(), List.of());
        ImageAttributes.Draft draft = new ImageAttributes.Draft(blank);
        body.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("id")) {
                ImageAttributes.set(draft, field.getKey(), field.getValue(), caller.isAdmin(), true);
            }
        });
        if (images.find(caller, id).isPresent()) {
            throw ApiException.conflict("An image with identifier " + id + " already exists.");
        }
        Image created = images.create(caller, draft.build());
        return Response.json(201, ImageViews.image(created)).header("Location", request.baseUrl() + "/v2/images/" + id)
                .header("OpenStack-image-import-methods", "glance-direct")
                .header("OpenStack-image-store-ids", blobs.id());
    }

    private Response list(Request request) {
        Caller caller = Caller.of(request.auth());
        int limit = request.queryParam("limit").map(ImageResource::limit).orElse(DEFAULT_LIMIT);
        Map<String, List<String>> filters = new LinkedHashMap<>();
        request.query().forEach((key, values) -> {
            if (!NOT_FILTERS.contains(key)) {
                filters.put(key, values);
            }
        });
        ImageQuery query = new ImageQuery(request.queryParam("visibility").orElse(null),
                request.queryParam("member_status").orElse(null), filters, sorts(request), limit,
                request.queryParam("marker").orElse(null));
        List<Image> page = images.list(caller, query);
        boolean more = page.size() > limit;
        List<Image> shown = more ? page.subList(0, limit) : page;
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("images");
        shown.forEach(image -> array.add(ImageViews.image(image)));
        body.put("first", "/v2/images" + query(request, null));
        if (more) {
            body.put("next", "/v2/images" + query(request, shown.get(shown.size() - 1).id()));
        }
        body.put("schema", "/v2/schemas/images");
        return Response.ok(body);
    }

    private Response show(Request request) {
        return Response.ok(ImageViews.image(images.get(Caller.of(request.auth()), request.pathParam("image_id"))));
    }

    private Response update(Request request) {
        String contentType = request.header("Content-Type").orElse("").split(";")[0].trim();
        if (!PATCH_TYPES.contains(contentType)) {
            throw new ApiException(415, "Unsupported Content-Type " + contentType + " for PATCH; use "
                    + "application/openstack-images-v2.1-json-patch.");
        }
        Caller caller = Caller.of(request.auth());
        Image before = images.getOwned(caller, request.pathParam("image_id"));
        JsonNode operations;
        try {
            operations = Json.parse(request.bodyBytes());
        } catch (IOException e) {
            throw ApiException.badRequest("Malformed JSON in the request body.");
        }
        if (operations == null || !operations.isArray()) {
            throw ApiException.badRequest("A JSON-patch body must be a list of operations.");
        }
        ImageAttributes.Draft draft = new ImageAttributes.Draft(before);
        boolean queued = Image.QUEUED.equals(before.status());
        boolean legacy = contentType.equals("application/openstack-images-v2.0-json-patch");
        for (JsonNode raw : operations) {
            JsonNode operation = legacy ? legacyOperation(raw) : raw;
            String op = operation.path("op").asText("");
            String path = operation.path("path").asText("");
            if (!path.startsWith("/") || path.length() < 2) {
                throw ApiException.badRequest("Invalid JSON pointer for the patch: '" + path + "'.");
            }
            String attribute = path.substring(1).replace("~1", "/").replace("~0", "~");
            switch (op) {
                case "add", "replace" -> {
                    if (!operation.has("value")) {
                        throw ApiException.badRequest("Operation " + op + " needs a value.");
                    }
                    if (op.equals("replace") && !ImageAttributes.BASE.contains(attribute)
                            && !ImageAttributes.READ_ONLY.contains(attribute) && !draft.properties.containsKey(attribute)) {
                        throw ApiException.conflict("Property " + attribute + " does not exist.");
                    }
                    boolean formatUnchanged = (attribute.equals("disk_format") || attribute.equals("container_format"))
                            && operation.get("value").asText("").equals(attribute.equals("disk_format")
                                    ? String.valueOf(before.diskFormat()) : String.valueOf(before.containerFormat()));
                    if (!formatUnchanged) {
                        ImageAttributes.set(draft, attribute, operation.get("value"), caller.isAdmin(), queued);
                    }
                }
                case "remove" -> ImageAttributes.remove(draft, attribute);
                default -> throw ApiException.badRequest("Unsupported patch operation '" + op
                        + "': use add, replace or remove.");
            }
        }
        return Response.ok(ImageViews.image(images.update(caller, before, draft.build())));
    }

    /** The v2.0 patch form {@code {"replace": "/name", "value": x}}: the operation's name holds the path. */
    private static JsonNode legacyOperation(JsonNode raw) {
        ObjectNode operation = Json.object();
        for (String op : List.of("add", "replace", "remove")) {
            if (raw.has(op)) {
                operation.put("op", op).put("path", raw.get(op).asText(""));
                if (raw.has("value")) {
                    operation.set("value", raw.get("value"));
                }
                return operation;
            }
        }
        throw ApiException.badRequest("Each v2.0 patch operation needs one of add, replace or remove.");
    }

    private Response delete(Request request) {
        images.delete(Caller.of(request.auth()), request.pathParam("image_id"));
        return Response.empty(204);
    }

    private Response upload(Request request) {
        requireOctetStream(request);
        Image image = uploads.upload(Caller.of(request.auth()), request.pathParam("image_id"), request.bodyStream());
        return Response.empty(204).header("Location", request.baseUrl() + "/v2/images/" + image.id());
    }

    private Response stage(Request request) {
        requireOctetStream(request);
        uploads.stage(Caller.of(request.auth()), request.pathParam("image_id"), request.bodyStream());
        return Response.empty(204);
    }

    private Response importImage(Request request) {
        ObjectNode body = request.jsonObject();
        String method = body.path("method").path("name").asText(null);
        if (method == null) {
            throw ApiException.badRequest("The import request needs method.name, e.g. glance-direct.");
        }
        uploads.importStaged(Caller.of(request.auth()), request.pathParam("image_id"), method, request.requestId());
        return Response.empty(202);
    }

    private Response tasks(Request request) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("tasks");
        for (var task : uploads.tasks(Caller.of(request.auth()), request.pathParam("image_id"))) {
            list.add(ImageViews.task(task));
        }
        return Response.ok(body);
    }

    private Response download(Request request) {
        Caller caller = Caller.of(request.auth());
        Image image = images.get(caller, request.pathParam("image_id"));
        if (Image.DEACTIVATED.equals(image.status()) && !caller.isAdmin()) {
            throw ApiException.forbidden("The requested image has been deactivated. Image data download is forbidden.");
        }
        if (image.location() == null || image.size() == null || !Set.of(Image.ACTIVE, Image.DEACTIVATED)
                .contains(image.status())) {
            return Response.empty(204);
        }
        long size = image.size();
        long start = 0;
        long end = size - 1;
        int status = 200;
        var range = request.header("Range");
        if (range.isPresent()) {
            Matcher m = RANGE.matcher(range.get().trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                throw new ApiException(416, "Unsupported Range " + range.get() + "; use a single bytes=FIRST-LAST range.",
                        Map.of("Content-Range", "bytes */" + size));
            }
            if (m.group(1).isEmpty()) {
                start = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                start = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    end = Math.min(end, Long.parseLong(m.group(2)));
                }
            }
            if (start >= size || start > end) {
                throw new ApiException(416, "Requested range " + range.get() + " is outside the image's " + size
                        + " bytes.", Map.of("Content-Range", "bytes */" + size));
            }
            status = 206;
        }
        long first = start;
        long length = end - start + 1;
        Response response = Response.stream(status, "application/octet-stream", length, out -> {
            try (InputStream in = blobs.read(image.location(), first, length)) {
                in.transferTo(out);
            }
        });
        if (status == 206) {
            response.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
        } else if (image.checksum() != null) {
            response.header("Content-MD5", image.checksum());
        }
        return response;
    }

    private static void requireOctetStream(Request request) {
        String contentType = request.header("Content-Type").orElse("").split(";")[0].trim();
        if (!contentType.equals("application/octet-stream")) {
            throw new ApiException(415, "Image data must be sent as application/octet-stream, not '" + contentType + "'.");
        }
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit < 0) {
                throw ApiException.badRequest("limit param must be positive");
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit param must be an integer");
        }
    }

    private static List<ImageQuery.Sort> sorts(Request request) {
        List<ImageQuery.Sort> sorts = new ArrayList<>();
        var sort = request.queryParam("sort");
        if (sort.isPresent()) {
            if (!request.queryParams("sort_key").isEmpty() || !request.queryParams("sort_dir").isEmpty()) {
                throw ApiException.badRequest("The sort parameter cannot be combined with sort_key or sort_dir.");
            }
            for (String part : sort.get().split(",")) {
                String[] keyAndDirection = part.trim().split(":");
                String direction = keyAndDirection.length > 1 ? keyAndDirection[1] : "desc";
                sorts.add(new ImageQuery.Sort(keyAndDirection[0], ascending(direction)));
            }
            return sorts;
        }
        List<String> keys = new ArrayList<>();
        request.queryParams("sort_key").forEach(k -> keys.addAll(List.of(k.split(","))));
        List<String> directions = new ArrayList<>();
        request.queryParams("sort_dir").forEach(d -> directions.addAll(List.of(d.split(","))));
        if (directions.size() > 1 && directions.size() != keys.size()) {
            throw ApiException.badRequest("The number of sort_dir values must match the number of sort_key values.");
        }
        for (int i = 0; i < keys.size(); i++) {
            String direction = directions.isEmpty() ? "desc" : directions.size() == 1 ? directions.get(0) : directions.get(i);
            sorts.add(new ImageQuery.Sort(keys.get(i).trim(), ascending(direction)));
        }
        if (keys.isEmpty() && !directions.isEmpty()) {
            sorts.add(new ImageQuery.Sort("created_at", ascending(directions.get(0))));
        }
        return sorts;
    }

    private static boolean ascending(String direction) {
        return switch (direction.trim().toLowerCase()) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiException.badRequest("Invalid sort direction: " + direction + ". Use asc or desc.");
        };
    }

    private static String query(Request request, String marker) {
        StringBuilder query = new StringBuilder();
        request.query().forEach((key, values) -> {
            if (!key.equals("marker")) {
                values.forEach(v -> append(query, key, v));
            }
        });
        if (marker != null) {
            append(query, "marker", marker);
        }
        return query.isEmpty() ? "" : "?" + query;
    }

    private static void append(StringBuilder query, String key, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
