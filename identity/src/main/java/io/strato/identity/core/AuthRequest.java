package io.strato.identity.core;

import java.util.List;

/** A parsed {@code POST /v3/auth/tokens} body. */
public record AuthRequest(List<String> methods, PasswordIdentity password, String tokenId,
        ApplicationCredentialIdentity applicationCredential, ScopeRequest scope) {

    /** A user named by id, or by name within a domain named by id or name. */
    public record UserReference(String id, String name, String domainId, String domainName) {
    }

    public record PasswordIdentity(UserReference user, String password) {
    }

    public record ApplicationCredentialIdentity(String id, String name, UserReference user, String secret) {
    }

    /** What the client asked the token to be scoped to. */
    public sealed interface ScopeRequest {
        record None() implements ScopeRequest {
        }

        record Unscoped() implements ScopeRequest {
        }

        record Project(String id, String name, String domainId, String domainName) implements ScopeRequest {
        }

        record Domain(String id, String name) implements ScopeRequest {
        }

        record System() implements ScopeRequest {
        }

        record Trust(String id) implements ScopeRequest {
        }
    }
}
