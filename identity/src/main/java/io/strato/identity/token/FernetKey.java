package io.strato.identity.token;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Fernet key: 16 bytes of HMAC-SHA256 signing key followed by 16 bytes of AES-128 encryption key.
 *
 * <p>The text form is the one Keystone and Python's {@code cryptography} write to key files:
 * the 32 bytes in url-safe base64 with padding (44 characters).
 * Both arrays are copied on the way in and out; {@link #toString()} never reveals key material.
 */
public record FernetKey(byte[] signingKey, byte[] encryptionKey) {

    static final int HALF_LENGTH = 16;
    private static final int KEY_LENGTH = 2 * HALF_LENGTH;
    private static final int ENCODED_LENGTH = 44;

    public FernetKey {
        if (signingKey == null || signingKey.length != HALF_LENGTH
                || encryptionKey == null || encryptionKey.length != HALF_LENGTH) {
            throw new IllegalArgumentException("Fernet signing and encryption keys must be 16 bytes each");
        }
        signingKey = signingKey.clone();
        encryptionKey = encryptionKey.clone();
    }

    /** Parses a key file's contents (44 url-safe base64 characters; surrounding whitespace is ignored). */
    public static FernetKey parse(String encoded) {
        if (encoded == null) {
            throw new IllegalArgumentException("Fernet key is missing");
        }
        String trimmed = encoded.strip();
        byte[] bytes;
        try {
            bytes = trimmed.length() == ENCODED_LENGTH ? Base64.getUrlDecoder().decode(trimmed) : null;
        } catch (IllegalArgumentException notBase64) {
            bytes = null;
        }
        if (bytes == null || bytes.length != KEY_LENGTH) {
            throw new IllegalArgumentException("Fernet key must be 32 bytes in url-safe base64 (44 characters)");
        }
        return fromBytes(bytes);
    }

    public static FernetKey generate(SecureRandom random) {
        byte[] bytes = new byte[KEY_LENGTH];
        random.nextBytes(bytes);
        return fromBytes(bytes);
    }

    /** The key file form: 44 url-safe base64 characters with padding, no line break. */
    public String encoded() {
        byte[] bytes = new byte[KEY_LENGTH];
        System.arraycopy(signingKey, 0, bytes, 0, HALF_LENGTH);
        System.arraycopy(encryptionKey, 0, bytes, HALF_LENGTH, HALF_LENGTH);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    @Override
    public byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    SecretKeySpec signingKeySpec() {
        return new SecretKeySpec(signingKey, "HmacSHA256");
    }

    SecretKeySpec encryptionKeySpec() {
        return new SecretKeySpec(encryptionKey, "AES");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FernetKey that
                && MessageDigest.isEqual(signingKey, that.signingKey)
                && MessageDigest.isEqual(encryptionKey, that.encryptionKey);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(signingKey) + Arrays.hashCode(encryptionKey);
    }

    @Override
    public String toString() {
        return "FernetKey[redacted]";
    }

    private static FernetKey fromBytes(byte[] bytes) {
        return new FernetKey(Arrays.copyOfRange(bytes, 0, HALF_LENGTH), Arrays.copyOfRange(bytes, HALF_LENGTH, KEY_LENGTH));
    }
}
