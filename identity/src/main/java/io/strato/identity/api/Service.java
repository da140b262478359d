package io.strato.identity.api;

import java.util.Map;

/** A service of the catalog; {@code extra} holds name and description. */
public record Service(String id, String type, boolean enabled, Map<String, Object> extra) {
    public String name() {
        Object name = extra.get("name");
        return name == null ? "" : name.toString();
    }
}
