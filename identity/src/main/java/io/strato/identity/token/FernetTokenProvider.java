package io.strato.identity.token;

import java.time.Clock;
import java.util.Objects;

/**
 * Issues and validates Fernet tokens carrying a {@link TokenPayload}. Nothing is stored per token.
 *
 * <p>{@link #validate(String)} accepts any string and either returns a payload or throws
 * {@link InvalidTokenException}; callers should answer every failure the same way (Keystone: 404/401).
 */
public final class FernetTokenProvider {

    /** Longer strings are rejected before any decoding; real tokens are about 200 characters. */
    public static final int MAXIMUM_TOKEN_LENGTH = 8 * 1024;

    private final FernetKeyRepository keys;
    private final Clock clock;

    public FernetTokenProvider(FernetKeyRepository keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Encrypts the payload with the primary key; the Fernet timestamp is the payload's issuedAt in seconds.
     *
     * @throws IllegalArgumentException if the payload does not fit the token format or the token would exceed
     *                                  {@link #MAXIMUM_TOKEN_LENGTH}
     */
    public String issue(TokenPayload payload) {
        String token = Fernet.encrypt(keys.primary(), TokenPayloadCodec.encode(payload),
                payload.issuedAt().getEpochSecond());
        if (token.length() > MAXIMUM_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token payload too large: " + token.length() + " characters");
        }
        return token;
    }

    /** The payload of an authentic, unexpired token. */
    public TokenPayload validate(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty() || token.length() > MAXIMUM_TOKEN_LENGTH) {
            throw new InvalidTokenException("malformed token");
        }
        TokenPayload payload = TokenPayloadCodec.decode(Fernet.decrypt(keys.keys(), token).plaintext());
        if (!payload.expiresAt().isAfter(clock.instant())) {
            throw new InvalidTokenException("token expired");
        }
        return payload;
    }
}
