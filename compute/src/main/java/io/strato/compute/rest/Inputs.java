package io.strato.compute.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.platform.http.ApiException;
import io.strato.platform.http.Request;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Request body and query validation with Nova's (jsonschema's) messages. */
final class Inputs {
    /** Nova's "name" parameter type: printable, no leading or trailing whitespace. */
    private static final Pattern NAME = Pattern.compile("^(?!\\s)[\\p{L}\\p{N}\\p{P}\\p{S}\\p{Zs}]+(?<!\\s)$");

    private Inputs() {
    }

    static ApiException invalid(String field, Object value, String reason) {
        return ApiException.badRequest("Invalid input for field/attribute " + field + ". Value: " + value + ". " + reason);
    }

    /** The body's one required top-level object, {@code {"<key>": {...}}}, with no other keys. */
    static ObjectNode wrapped(Request request, String key) {
        ObjectNode body = request.jsonObject();
        JsonNode inner = body.get(key);
        if (inner == null) {
            throw ApiException.badRequest("Invalid input for field/attribute " + key + ". Value: " + body
                    + ". '" + key + "' is a required property");
        }
        onlyKeys(body, Set.of(key));
        if (!inner.isObject()) {
            throw invalid(key, inner, inner + " is not of type 'object'");
        }
        return (ObjectNode) inner;
    }

    static void onlyKeys(ObjectNode object, Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("Additional properties are not allowed ('" + name + "' was unexpected)");
            }
        }
    }

    static JsonNode required(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw ApiException.badRequest("Invalid input for field/attribute " + field + ". Value: " + object + ". '"
                    + field + "' is a required property");
        }
        return value;
    }

    /** A name as Nova's schema allows: a string of 1..max characters without leading or trailing whitespace. */
    static String name(JsonNode value, String field, int max) {
        if (!value.isTextual()) {
            throw invalid(field, value, value + " is not of type 'string'");
        }
        String text = value.textValue();
        if (text.isEmpty() || text.length() > max) {
            throw invalid(field, text, "'" + text + "' must be 1 to " + max + " characters long");
        }
        if (!NAME.matcher(text).matches()) {
            throw invalid(field, text, "'" + text + "' has leading or trailing whitespace or unprintable characters");
        }
        return text;
    }

    /** An integer (or a string of digits, which Nova accepts) between min and max. */
    static int integer(JsonNode value, String field, long min, long max) {
        long number;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (value.isTextual() && value.textValue().strip().matches("-?\\d{1,12}")) {
            number = Long.parseLong(value.textValue().strip());
        } else {
            throw invalid(field, value, value + " is not of type 'integer', 'string'");
        }
        if (number < min) {
            throw invalid(field, value, number + " is less than the minimum of " + min);
        }
        if (number > max) {
            throw invalid(field, value, number + " is greater than the maximum of " + max);
        }
        return (int) number;
    }

    static boolean bool(JsonNode value, String field) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            switch (value.textValue().toLowerCase()) {
                case "true", "1", "yes", "on", "t", "y" -> {
                    return true;
                }
                case "false", "0", "no", "off", "f", "n" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw invalid(field, value, value + " is not of type 'boolean', 'string'");
    }

    /** A non-negative integer query parameter such as limit, minRam or minDisk. */
    static Optional<Integer> queryInt(Request request, String name, String message) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(value.get().strip());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(number);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(message.replace("%s", value.get()));
        }
    }
}
