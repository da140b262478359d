package io.strato.compute.core;

import io.strato.platform.auth.AuthContext;
import java.util.Map;

/** Who is calling: the token's context, its policy credentials, and whether context_is_admin passed (Nova's is_admin). */
public record ComputeCaller(AuthContext auth, Map<String, Object> credentials, boolean isAdmin) {
    public String userId() {
        return auth.userId();
    }

    public String projectId() {
        return auth.projectId();
    }
}
