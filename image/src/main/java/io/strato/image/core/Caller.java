package io.strato.image.core;

import io.strato.platform.auth.AuthContext;

/** Who is asking: the project whose images are "owned", and whether the caller is an administrator. */
public record Caller(String projectId, boolean isAdmin, AuthContext auth) {
    public static Caller of(AuthContext auth) {
        return new Caller(auth.projectId(), auth.hasRole("admin"), auth);
    }

    public boolean owns(String owner) {
        return projectId != null && projectId.equals(owner);
    }
}
