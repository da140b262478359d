package io.strato.identity.rest;

import io.strato.identity.core.IdentityErrors;
import io.strato.platform.auth.AuthContext;
import io.strato.platform.http.Request;
import io.strato.platform.policy.PolicyCredentials;
import io.strato.platform.policy.PolicyEngine;
import java.util.Map;

/** Enforces identity policy rules for the caller of a request, with Keystone's 403 message. */
final class Authorizer {
    private final PolicyEngine policy;

    Authorizer(PolicyEngine policy) {
        this.policy = policy;
    }

    /** Enforces the action; the target holds flat keys such as {@code target.user.domain_id}. */
    void enforce(Request request, String action, Map<String, Object> target) {
        if (!allowed(request.auth(), action, target)) {
            throw IdentityErrors.forbiddenAction(action);
        }
    }

    void enforce(Request request, String action) {
        enforce(request, action, Map.of());
    }

    boolean allowed(AuthContext auth, String action, Map<String, Object> target) {
        return policy.check(action, target, credentials(auth));
    }

    static Map<String, Object> credentials(AuthContext auth) {
        return PolicyCredentials.of(auth);
    }

    /** A target map from alternating keys and values, skipping null values. */
    static Map<String, Object> target(Object... keysAndValues) {
        return PolicyCredentials.target(keysAndValues);
    }
}
