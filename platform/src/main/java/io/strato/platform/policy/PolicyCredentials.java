package io.strato.platform.policy;

import io.strato.platform.auth.AuthContext;
import java.util.HashMap;
import java.util.Map;

/** The credentials map oslo.policy rules read, built from a validated token as Keystone builds it. */
public final class PolicyCredentials {
    private PolicyCredentials() {
    }

    public static Map<String, Object> of(AuthContext auth) {
        Map<String, Object> creds = new HashMap<>();
        creds.put("user_id", auth.userId());
        creds.put("user_domain_id", auth.userDomainId());
        if (auth.projectId() != null) {
            creds.put("project_id", auth.projectId());
            creds.put("project_domain_id", auth.projectDomainId());
        }
        if (auth.domainId() != null) {
            creds.put("domain_id", auth.domainId());
        }
        if (auth.systemScope()) {
            creds.put("system_scope", "all");
        }
        creds.put("roles", auth.roleNames());
        Map<String, Object> token = new HashMap<>();
        if (auth.domainId() != null) {
            token.put("domain", Map.of("id", auth.domainId()));
        }
        if (auth.projectId() != null) {
            token.put("project", Map.of("id", auth.projectId(), "domain", Map.of("id", auth.projectDomainId())));
        }
        token.put("user", Map.of("id", auth.userId(), "domain", Map.of("id", auth.userDomainId())));
        creds.put("token", token);
        creds.put("is_admin_project", auth.isAdminProject());
        if (auth.trustId() != null) {
            creds.put("trust_id", auth.trustId());
        }
        if (auth.applicationCredentialId() != null) {
            creds.put("application_credential_id", auth.applicationCredentialId());
        }
        return creds;
    }

    /** A target map from alternating keys and values, leaving out null values. */
    public static Map<String, Object> target(Object... keysAndValues) {
        Map<String, Object> target = new HashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                target.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return target;
    }
}
