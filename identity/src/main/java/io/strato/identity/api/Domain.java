package io.strato.identity.api;

import java.util.Map;

/** A Keystone domain: a namespace of projects, users, groups and domain-specific roles. */
public record Domain(String id, String name, boolean enabled, String description, Map<String, Object> extra) {
}
