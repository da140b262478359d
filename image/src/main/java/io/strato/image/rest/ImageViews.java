package io.strato.image.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.image.api.Image;
import io.strato.image.api.ImageMember;
import io.strato.platform.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Images and members as Glance v2 shows them. */
final class ImageViews {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private ImageViews() {
    }

    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    static ObjectNode image(Image image) {
        ObjectNode node = Json.object();
        image.properties().forEach(node::put);
        node.put("id", image.id()).put("name", image.name()).put("status", image.status())
                .put("visibility", image.visibility()).put("protected", image.isProtected())
                .put("os_hidden", image.hidden()).put("owner", image.owner()).put("disk_format", image.diskFormat())
                .put("container_format", image.containerFormat()).put("min_disk", image.minDisk())
                .put("min_ram", image.minRam()).put("checksum", image.checksum())
                .put("os_hash_algo", image.hashAlgorithm()).put("os_hash_value", image.hashValue())
                .put("created_at", time(image.createdAt())).put("updated_at", time(image.updatedAt()));
        if (image.size() == null) {
            node.putNull("size");
        } else {
            node.put("size", image.size());
        }
        if (image.virtualSize() == null) {
            node.putNull("virtual_size");
        } else {
            node.put("virtual_size", image.virtualSize());
        }
        if (image.location() != null && image.size() != null) {
            node.put("stores", "file");
        }
        ArrayNode tags = node.putArray("tags");
        image.tags().forEach(tags::add);
        node.put("self", "/v2/images/" + image.id()).put("file", "/v2/images/" + image.id() + "/file")
                .put("schema", "/v2/schemas/image");
        return node;
    }

    static ObjectNode task(io.strato.image.api.ImageTask task) {
        ObjectNode node = Json.object();
        node.put("id", task.id()).put("image_id", task.imageId()).put("type", task.type()).put("status", task.status())
                .put("message", task.message()).put("owner", task.owner()).put("user_id", task.userId())
                .put("request_id", task.requestId()).put("created_at", time(task.createdAt()))
                .put("updated_at", time(task.updatedAt())).putNull("expires_at").putNull("result");
        node.set("input", Json.parse(task.input()));
        return node;
    }

    static ObjectNode member(ImageMember member) {
        ObjectNode node = Json.object();
        node.put("image_id", member.imageId()).put("member_id", member.memberId()).put("status", member.status())
                .put("created_at", time(member.createdAt())).put("updated_at", time(member.updatedAt()))
                .put("schema", "/v2/schemas/member");
        return node;
    }
}
