package io.strato.identity.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.strato.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the JSON text columns ("extra", "options"). */
final class JsonColumns {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static Map<String, Object> map(String text) {
        if (text == null || text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return Json.mapper().readValue(text, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Map<String, Object> map) {
        return Json.text(map == null ? Map.of() : map);
    }

    static String placeholders(List<?> values) {
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }
}
