package io.strato.identity.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a Fernet token carries; nothing about a token is stored server-side.
 *
 * @param methods      authentication methods, e.g. "password", "token", "application_credential", "totp"
 * @param expiresAt    truncated to milliseconds
 * @param issuedAt     truncated to milliseconds (finer than the Fernet timestamp's seconds), so revocation by
 *                     "issued before" is exact
 * @param auditIds     this token's audit id, then (when rescoped) the audit id of the chain's original token;
 *                     each is 16 random bytes as url-safe base64 without padding (22 characters)
 * @param trustId      nullable
 * @param applicationCredentialId nullable
 */
public record TokenPayload(
        String userId,
        Set<String> methods,
        Scope scope,
        Instant expiresAt,
        Instant issuedAt,
        List<String> auditIds,
        String trustId,
        String applicationCredentialId) {

    /** What a token is authorised for. */
    public sealed interface Scope {

        record Unscoped() implements Scope {
        }

        record ProjectScope(String projectId) implements Scope {
            public ProjectScope {
                requireId(projectId, "projectId");
            }
        }

        record DomainScope(String domainId) implements Scope {
            public DomainScope {
                requireId(domainId, "domainId");
            }
        }

        /** System scope; Keystone only knows the target {@code "all"}, which is what the no-argument form means. */
        record SystemScope(String system) implements Scope {
            public static final String ALL = "all";

            public SystemScope {
                requireId(system, "system");
            }

            public SystemScope() {
                this(ALL);
            }
        }
    }

    private static final int AUDIT_ID_LENGTH = 22;

    public TokenPayload {
        requireId(userId, "userId");
        Objects.requireNonNull(scope, "scope");
        expiresAt = expiresAt.truncatedTo(ChronoUnit.MILLIS);
        issuedAt = issuedAt.truncatedTo(ChronoUnit.MILLIS);
        methods = Set.copyOf(methods);
        if (methods.isEmpty() || methods.contains("")) {
            throw new IllegalArgumentException("methods must name at least one method and no empty ones");
        }
        auditIds = List.copyOf(auditIds);
        if (auditIds.isEmpty() || auditIds.size() > 2) {
            throw new IllegalArgumentException("a token has one or two audit ids");
        }
        for (String auditId : auditIds) {
            if (!isAuditId(auditId)) {
                throw new IllegalArgumentException("audit ids are 16 bytes in url-safe base64 without padding");
            }
        }
        if (trustId != null) {
            requireId(trustId, "trustId");
        }
        if (applicationCredentialId != null) {
            requireId(applicationCredentialId, "applicationCredentialId");
        }
    }

    /** 22 url-safe base64 characters whose last one carries two bits and four zero bits: exactly 16 bytes. */
    private static boolean isAuditId(String candidate) {
        if (candidate.length() != AUDIT_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < AUDIT_ID_LENGTH - 1; i++) {
            char character = candidate.charAt(i);
            boolean urlSafe = (character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z')
                    || (character >= '0' && character <= '9') || character == '-' || character == '_';
            if (!urlSafe) {
                return false;
            }
        }
        return "AQgw".indexOf(candidate.charAt(AUDIT_ID_LENGTH - 1)) >= 0;
    }

    private static void requireId(String id, String name) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
