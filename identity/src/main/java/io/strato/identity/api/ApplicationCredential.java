package io.strato.identity.api;

import java.time.Instant;
import java.util.List;

/** A user's delegated credential for one project, with a subset of the user's roles there. */
public record ApplicationCredential(String id, String name, String userId, String projectId, String description,
        Instant expiresAt, boolean unrestricted, List<String> roleIds) {
}
