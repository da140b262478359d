package io.strato.identity.api;

import java.util.Map;

/** A region of the service catalog. */
public record Region(String id, String description, String parentRegionId, Map<String, Object> extra) {
}
