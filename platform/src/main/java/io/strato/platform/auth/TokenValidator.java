package io.strato.platform.auth;

import java.util.Optional;

/** Validates a token presented in X-Auth-Token; the identity service implements it. */
@FunctionalInterface
public interface TokenValidator {
    /** The token's context, or empty when the token is invalid, expired or revoked. */
    Optional<AuthContext> validate(String token);
}
