package io.strato.identity.api;

import java.util.Map;

/** A group of users of one domain; roles granted to it reach its members. */
public record Group(String id, String name, String domainId, String description, Map<String, Object> extra) {
}
