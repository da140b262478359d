package io.strato.identity.api;

import java.time.Instant;
import java.util.Map;

/** A user of the local identity backend. */
public record User(String id, String name, String domainId, boolean enabled, String defaultProjectId,
        String description, Map<String, Object> extra, Map<String, Object> options, Instant passwordExpiresAt) {
}
