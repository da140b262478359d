package io.strato.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.strato.image.api.Image;
import io.strato.image.core.ImageManager;
import io.strato.platform.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets one attribute of an image from a JSON value with Glance's rules: base attributes are typed
 * and validated, read-only ones are refused with 403, everything else is a string-valued custom
 * property. Used by image creation and by JSON-patch updates.
 */
final class ImageAttributes {
    static final Set<String> READ_ONLY = Set.of("id", "status", "checksum", "os_hash_algo", "os_hash_value", "size",
            "virtual_size", "created_at", "updated_at", "self", "file", "schema", "direct_url", "locations", "deleted",
            "deleted_at", "stores");
    static final Set<String> BASE = Set.of("name", "visibility", "protected", "os_hidden", "min_disk", "min_ram",
            "disk_format", "container_format", "tags", "owner");

    private ImageAttributes() {
    }

    /** A mutable copy of an image's settable attributes. */
    static final class Draft {
        String name;
        String owner;
        String visibility;
        boolean isProtected;
        boolean hidden;
        String diskFormat;
        String containerFormat;
        int minDisk;
        int minRam;
        final Map<String, String> properties;
        List<String> tags;
        private final Image base;

        Draft(Image image) {
            base = image;
            name = image.name();
            owner = image.owner();
            visibility = image.visibility();
            isProtected = image.isProtected();
            hidden = image.hidden();
            diskFormat = image.diskFormat();
            containerFormat = image.containerFormat();
            minDisk = image.minDisk();
            minRam = image.minRam();
            properties = new LinkedHashMap<>(image.properties());
            tags = new ArrayList<>(image.tags());
        }

        Image build() {
            return new Image(base.id(), name, owner, base.status(), visibility, isProtected, hidden, diskFormat,
                    containerFormat, minDisk, minRam, base.size(), base.virtualSize(), base.checksum(),
                    base.hashAlgorithm(), base.hashValue(), base.location(), base.createdAt(), base.updatedAt(),
                    Map.copyOf(properties), List.copyOf(tags));
        }
    }

    static void set(Draft draft, String attribute, JsonNode value, boolean isAdmin, boolean queued) {
        if (READ_ONLY.contains(attribute)) {
            throw ApiException.forbidden("Attribute '" + attribute + "' is read-only.");
        }
        switch (attribute) {
            case "name" -> draft.name = value.isNull() ? null : string(attribute, value, 255);
            case "visibility" -> {
                String visibility = string(attribute, value, 20);
                if (!ImageManager.VISIBILITIES.contains(visibility)) {
                    throw ApiException.badRequest("Invalid value '" + visibility + "' for visibility: it must be one of "
                            + "public, private, shared or community.");
                }
                draft.visibility = visibility;
            }
            case "protected" -> draft.isProtected = bool(attribute, value);
            case "os_hidden" -> draft.hidden = bool(attribute, value);
            case "min_disk" -> draft.minDisk = count(attribute, value);
            case "min_ram" -> draft.minRam = count(attribute, value);
            case "disk_format" -> draft.diskFormat = format(attribute, value, ImageManager.DISK_FORMATS, queued);
            case "container_format" -> draft.containerFormat = format(attribute, value, ImageManager.CONTAINER_FORMATS,
                    queued);
            case "tags" -> draft.tags = tags(value);
            case "owner" -> {
                if (!isAdmin) {
                    throw ApiException.forbidden("Attribute 'owner' can only be changed by an administrator.");
                }
                draft.owner = value.isNull() ? null : string(attribute, value, 255);
            }
            default -> {
                if (attribute.startsWith("os_glance")) {
                    throw ApiException.forbidden("Attribute '" + attribute + "' is reserved.");
                }
                if (attribute.isEmpty() || attribute.length() > 255) {
                    throw ApiException.badRequest("Property names must be 1 to 255 characters long.");
                }
                if (!value.isTextual()) {
                    throw ApiException.badRequest("Invalid value for property '" + attribute + "': custom properties "
                            + "take string values.");
                }
                if (value.asText().length() > 65535) {
                    throw ApiException.badRequest("The value of property '" + attribute + "' is too long.");
                }
                draft.properties.put(attribute, value.asText());
            }
        }
    }

    static void remove(Draft draft, String attribute) {
        if (READ_ONLY.contains(attribute)) {
            throw ApiException.forbidden("Attribute '" + attribute + "' is read-only.");
        }
        if (BASE.contains(attribute)) {
            throw ApiException.forbidden("Attribute '" + attribute + "' is reserved and cannot be removed.");
        }
        if (draft.properties.remove(attribute) == null) {
            throw ApiException.conflict("Property " + attribute + " does not exist.");
        }
    }

    private static String string(String attribute, JsonNode value, int max) {
        if (!value.isTextual()) {
            throw ApiException.badRequest("Invalid value for '" + attribute + "': " + value + " is not a string.");
        }
        if (value.asText().length() > max) {
            throw ApiException.badRequest("Invalid value for '" + attribute + "': longer than " + max + " characters.");
        }
        return value.asText();
    }

    private static boolean bool(String attribute, JsonNode value) {
        if (!value.isBoolean()) {
            throw ApiException.badRequest("Invalid value for '" + attribute + "': " + value + " is not a boolean.");
        }
        return value.asBoolean();
    }

    private static int count(String attribute, JsonNode value) {
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            throw ApiException.badRequest("Invalid value for '" + attribute + "': " + value
                    + " is not a non-negative integer.");
        }
        return value.asInt();
    }

    private static String format(String attribute, JsonNode value, Set<String> allowed, boolean queued) {
        if (!queued) {
            throw ApiException.forbidden("Attribute '" + attribute + "' can be changed only while the image is queued.");
        }
        if (value.isNull()) {
            return null;
        }
        String format = string(attribute, value, 20);
        if (!allowed.contains(format)) {
            throw ApiException.badRequest("Invalid value '" + format + "' for " + attribute + ": it must be one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return format;
    }

    private static List<String> tags(JsonNode value) {
        if (!value.isArray()) {
            throw ApiException.badRequest("Invalid value for 'tags': it must be a list of strings.");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual() || tag.asText().length() > 255) {
                throw ApiException.badRequest("Invalid tag " + tag + ": tags are strings of at most 255 characters.");
            }
            tags.add(tag.asText());
        }
        if (tags.size() > 128) {
            throw new ApiException(413, "An image may have at most 128 tags.");
        }
        return new ArrayList<>(tags);
    }
}
