package io.strato.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import io.strato.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request-body validation with Keystone's messages: types, lengths, required fields. */
final class Bodies {
    private Bodies() {
    }

    /** The object under {@code key} in the request body, e.g. {@code {"user": {...}}}. */
    static ObjectNode entity(Request request, String key) {
        JsonNode node = request.jsonObject().get(key);
        if (node == null || node.isNull()) {
            throw invalid("'" + key + "' is a required property");
        }
        if (!node.isObject()) {
            throw invalid("Invalid input for field '" + key + "': " + node + " is not of type 'object'");
        }
        return (ObjectNode) node;
    }

    static String string(ObjectNode body, String field, boolean required, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw invalid("'" + field + "' is a required property");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("Invalid input for field '" + field + "': " + node + " is not of type 'string'");
        }
        String value = node.asText();
        if (value.length() > maxLength) {
            throw invalid("Invalid input for field '" + field + "': '" + abbreviate(value) + "' is too long");
        }
        return value;
    }

    /** A name: a required non-blank string of at most maxLength characters. */
    static String name(ObjectNode body, String field, boolean required, int maxLength) {
        String value = string(body, field, required, maxLength);
        if (value != null && value.isBlank()) {
            throw invalid("Invalid input for field '" + field + "': '" + value + "' is too short");
        }
        return value;
    }

    static Boolean bool(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid("Invalid input for field '" + field + "': " + node + " is not of type 'boolean'");
        }
        return node.asBoolean();
    }

    /** A nullable string: absent and null both give null. */
    static String nullableString(ObjectNode body, String field, int maxLength) {
        return string(body, field, false, maxLength);
    }

    static List<String> strings(ObjectNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw invalid("Invalid input for field '" + field + "': " + node + " is not of type 'array'");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().length() > maxLength || item.asText().isBlank()) {
                throw invalid("Invalid input for field '" + field + "': " + item + " is not a valid value");
            }
            result.add(item.asText());
        }
        return result;
    }

    /** Rejects fields that are not allowed (Keystone's additionalProperties: false). */
    static void only(ObjectNode body, Set<String> allowed) {
        body.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw invalid("Additional properties are not allowed ('" + field + "' was unexpected)");
            }
        });
    }

    /** The attributes a client set beyond the known ones (Keystone keeps them as "extra"). */
    static Map<String, Object> extra(ObjectNode body, Set<String> known, Map<String, Object> previous) {
        Map<String, Object> extra = new LinkedHashMap<>(previous == null ? Map.of() : previous);
        body.fields().forEachRemaining(entry -> {
            if (!known.contains(entry.getKey())) {
                extra.put(entry.getKey(), Json.mapper().convertValue(entry.getValue(), Object.class));
            }
        });
        return extra;
    }

    static void checkId(String value, String field) {
        if (value != null && (value.isEmpty() || value.length() > 64)) {
            throw invalid("Invalid input for field '" + field + "': '" + abbreviate(value) + "' is not a valid id");
        }
    }

    static ApiException invalid(String detail) {
        return ApiException.badRequest(detail);
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
