package io.strato.identity.token;

/**
 * A token that cannot be accepted: malformed, forged, signed by an unknown key, unreadable or expired.
 *
 * <p>The message is a short reason meant for logs; API responses should not distinguish between reasons.
 * Stack traces are not captured: rejecting garbage tokens is routine on the request path and must stay cheap.
 */
public final class InvalidTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
