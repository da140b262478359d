package io.strato.compute.core;

import io.strato.platform.auth.AuthContext;
import io.strato.platform.http.ApiException;
import io.strato.platform.policy.PolicyCredentials;
import io.strato.platform.policy.PolicyEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** Nova's policy checks over the shared engine, with Nova's 403 message. */
public final class ComputePolicy {
    private final PolicyEngine engine;

    public ComputePolicy(PolicyEngine engine) {
        this.engine = engine;
    }

    /** Nova's default rules (policy-defaults.yaml). */
    public static Map<String, String> defaults() {
        try (InputStream in = ComputePolicy.class.getResourceAsStream("/io/strato/compute/policy-defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("compute policy defaults are missing from the build");
            }
            return PolicyEngine.readRules(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The caller's credentials; is_admin is what context_is_admin says, as Nova's RequestContext computes it. */
    public ComputeCaller caller(AuthContext auth) {
        Map<String, Object> credentials = new HashMap<>(PolicyCredentials.of(auth));
        boolean admin = engine.check("context_is_admin", Map.of(), credentials);
        credentials.put("is_admin", admin);
        return new ComputeCaller(auth, Map.copyOf(credentials), admin);
    }

    public boolean check(ComputeCaller caller, String action, Map<String, Object> target) {
        return engine.check(action, target, caller.credentials());
    }

    public void enforce(ComputeCaller caller, String action, Map<String, Object> target) {
        if (!check(caller, action, target)) {
            throw ApiException.forbidden("Policy doesn't allow " + action + " to be performed.");
        }
    }

    /** Enforces a rule whose target is the caller's own project, as Nova does when it names none. */
    public void enforceOwnProject(ComputeCaller caller, String action) {
        enforce(caller, action, projectTarget(caller));
    }

    public static Map<String, Object> projectTarget(ComputeCaller caller) {
        Map<String, Object> target = new HashMap<>();
        if (caller.projectId() != null) {
            target.put("project_id", caller.projectId());
        }
        return target;
    }
}
