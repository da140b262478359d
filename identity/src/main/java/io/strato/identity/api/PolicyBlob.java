package io.strato.identity.api;

import java.util.Map;

/** A stored policy document of the deprecated {@code /v3/policies} API: an opaque blob and its media type. */
public record PolicyBlob(String id, String type, String blob, Map<String, Object> extra) {
}
