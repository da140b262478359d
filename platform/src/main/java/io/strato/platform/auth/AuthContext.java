package io.strato.platform.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, as a validated token says: the user, the scope (project, domain, system or
 * none) and the roles in that scope. Every service receives this from the token middleware.
 */
public record AuthContext(
        String token,
        String userId,
        String userName,
        String userDomainId,
        String userDomainName,
        String projectId,
        String projectName,
        String projectDomainId,
        String projectDomainName,
        String domainId,
        String domainName,
        boolean systemScope,
        List<String> roleIds,
        List<String> roleNames,
        Set<String> methods,
        Instant issuedAt,
        Instant expiresAt,
        List<String> auditIds,
        String trustId,
        String applicationCredentialId,
        boolean isAdminProject) {

    public boolean hasRole(String name) {
        for (String role : roleNames) {
            if (role.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    public boolean isProjectScoped() {
        return projectId != null;
    }
}
