package io.strato.identity.api;

import java.util.Map;

/** An endpoint of a service: interface public, internal or admin. */
public record Endpoint(String id, String serviceId, String interfaceName, String url, String regionId,
        boolean enabled, Map<String, Object> extra) {
}
