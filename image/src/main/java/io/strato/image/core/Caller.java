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

    /**
     * Glance's defaults let readers read and members write: refuses a write by a caller holding
     * neither the member nor the admin role (a reader, or a token without project roles).
     */
    public void requireWriter(String action) {
        if (!isAdmin && (auth == null || !auth.hasRole("member"))) {
            throw io.strato.platform.http.ApiException.forbidden("You are not authorized to complete " + action
                    + " action.");
        }
    }
}
