package io.strato.identity.api;

import java.util.Map;

/** A role; global when {@code domainId} is null, domain-specific otherwise. */
public record Role(String id, String name, String domainId, String description, Map<String, Object> extra,
        Map<String, Object> options) {
}
