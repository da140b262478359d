package io.strato.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.platform.http.ApiException;

/** Small request-body checks. */
final class Bodies {
    private Bodies() {
    }

    static String requiredString(ObjectNode body, String field, int maxLength) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("'" + field + "' is a required property.");
        }
        if (!node.isTextual() || node.asText().isEmpty() || node.asText().length() > maxLength) {
            throw ApiException.badRequest("Invalid value for '" + field + "': a string of 1 to " + maxLength
                    + " characters is required.");
        }
        return node.asText();
    }
}
