package io.strato.identity.api;

import java.util.List;
import java.util.Map;

/** A project (tenant); {@code parentId} is null for a top-level project of its domain. */
public record Project(String id, String name, String domainId, String parentId, boolean enabled, String description,
        List<String> tags, Map<String, Object> extra) {
}
