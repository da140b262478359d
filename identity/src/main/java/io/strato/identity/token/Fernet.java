package io.strato.identity.token;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;

/**
 * Fernet tokens as specified at https://github.com/fernet/spec:
 * {@code 0x80 | timestamp (8 bytes, big-endian seconds) | IV (16) | AES-128-CBC PKCS7 ciphertext | HMAC-SHA256 (32)},
 * url-safe base64 encoded. Like Keystone, tokens are written without {@code =} padding; padded and unpadded
 * tokens are both accepted.
 *
 * <p>The timestamp is returned, not checked: expiry is the caller's business.
 */
public final class Fernet {

    /** A successfully authenticated and decrypted token. */
    public record Decrypted(byte[] plaintext, long timestampSeconds) {
    }

    private static final byte VERSION = (byte) 0x80;
    private static final int TIMESTAMP_OFFSET = 1;
    private static final int IV_OFFSET = 9;
    private static final int IV_LENGTH = 16;
    private static final int CIPHERTEXT_OFFSET = IV_OFFSET + IV_LENGTH;
    private static final int BLOCK_LENGTH = 16;
    private static final int HMAC_LENGTH = 32;
    private static final int MINIMUM_LENGTH = CIPHERTEXT_OFFSET + BLOCK_LENGTH + HMAC_LENGTH;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /**
     * Looking up a Cipher costs about ten times as much as using it on a token, so each thread keeps one.
     * Neither instance is ever used re-entrantly: every use is init, process, done.
     */
    private static final ThreadLocal<Primitives> PRIMITIVES = ThreadLocal.withInitial(Primitives::create);

    private Fernet() {
    }

    public static String encrypt(FernetKey key, byte[] plaintext, long timestampSeconds) {
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        return encrypt(key, plaintext, timestampSeconds, iv);
    }

    /** Encrypts with a caller-chosen IV; only for known-answer tests. */
    static String encrypt(FernetKey key, byte[] plaintext, long timestampSeconds, byte[] iv) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plaintext, "plaintext");
        int ciphertextLength = (plaintext.length / BLOCK_LENGTH + 1) * BLOCK_LENGTH;
        int signedLength = CIPHERTEXT_OFFSET + ciphertextLength;
        byte[] token = new byte[signedLength + HMAC_LENGTH];
        token[0] = VERSION;
        for (int i = 0; i < Long.BYTES; i++) {
            token[TIMESTAMP_OFFSET + i] = (byte) (timestampSeconds >>> (56 - 8 * i));
        }
        System.arraycopy(iv, 0, token, IV_OFFSET, IV_LENGTH);
        Primitives primitives = PRIMITIVES.get();
        try {
            primitives.cipher.init(Cipher.ENCRYPT_MODE, key.encryptionKeySpec(), new IvParameterSpec(iv));
            primitives.cipher.doFinal(plaintext, 0, plaintext.length, token, CIPHERTEXT_OFFSET);
            primitives.mac.init(key.signingKeySpec());
            primitives.mac.update(token, 0, signedLength);
            primitives.mac.doFinal(token, signedLength);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-128-CBC or HMAC-SHA256 failed", impossible);
        }
        return ENCODER.encodeToString(token);
    }

    /**
     * Authenticates the token against each key in turn (HMAC only, compared in constant time) and decrypts
     * with the first key that signed it.
     */
    public static Decrypted decrypt(List<FernetKey> keys, String token) throws InvalidTokenException {
        byte[] bytes = decode(token);
        int signedLength = bytes.length - HMAC_LENGTH;
        if (bytes.length < MINIMUM_LENGTH
                || (signedLength - CIPHERTEXT_OFFSET) % BLOCK_LENGTH != 0
                || bytes[0] != VERSION) {
            throw new InvalidTokenException("malformed token");
        }
        Primitives primitives = PRIMITIVES.get();
        byte[] expectedHmac = new byte[HMAC_LENGTH];
        for (FernetKey key : keys) {
            if (primitives.signatureMatches(key, bytes, signedLength, expectedHmac)) {
                return new Decrypted(primitives.decrypt(key, bytes, signedLength), readTimestamp(bytes));
            }
        }
        throw new InvalidTokenException("invalid signature");
    }

    private static byte[] decode(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("malformed token");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidTokenException("malformed token");
        }
        if (!hasCanonicalEnding(token)) {
            throw new InvalidTokenException("malformed token");
        }
        return bytes;
    }

    /**
     * The JDK decoder ignores the unused low bits of the last character, so several strings would decode to
     * the same token. Requiring them to be zero keeps exactly one spelling per token (padding aside).
     * Only called on strings the decoder accepted, so every character is in the url-safe alphabet.
     */
    private static boolean hasCanonicalEnding(String token) {
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        int unusedBitsMask = switch (end % 4) {
            case 2 -> 0x0F;
            case 3 -> 0x03;
            default -> 0;
        };
        return unusedBitsMask == 0 || (alphabetIndex(token.charAt(end - 1)) & unusedBitsMask) == 0;
    }

    private static int alphabetIndex(char character) {
        if (character >= 'A' && character <= 'Z') {
            return character - 'A';
        }
        if (character >= 'a' && character <= 'z') {
            return character - 'a' + 26;
        }
        if (character >= '0' && character <= '9') {
            return character - '0' + 52;
        }
        return character == '-' ? 62 : 63;
    }

    private static long readTimestamp(byte[] token) {
        long timestamp = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            timestamp = (timestamp << 8) | (token[TIMESTAMP_OFFSET + i] & 0xFF);
        }
        return timestamp;
    }

    private record Primitives(Mac mac, Cipher cipher) {

        static Primitives create() {
            try {
                return new Primitives(Mac.getInstance("HmacSHA256"), Cipher.getInstance("AES/CBC/PKCS5Padding"));
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException("HMAC-SHA256 or AES/CBC/PKCS5Padding unavailable", unavailable);
            }
        }

        boolean signatureMatches(FernetKey key, byte[] token, int signedLength, byte[] scratch) {
            try {
                mac.init(key.signingKeySpec());
                mac.update(token, 0, signedLength);
                mac.doFinal(scratch, 0);
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException("HMAC-SHA256 failed", impossible);
            }
            int difference = 0;
            for (int i = 0; i < HMAC_LENGTH; i++) {
                difference |= scratch[i] ^ token[signedLength + i];
            }
            return difference == 0;
        }

        byte[] decrypt(FernetKey key, byte[] token, int signedLength) throws InvalidTokenException {
            try {
                cipher.init(Cipher.DECRYPT_MODE, key.encryptionKeySpec(), new IvParameterSpec(token, IV_OFFSET, IV_LENGTH));
                return cipher.doFinal(token, CIPHERTEXT_OFFSET, signedLength - CIPHERTEXT_OFFSET);
            } catch (BadPaddingException | IllegalBlockSizeException badPadding) {
                throw new InvalidTokenException("malformed token");
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException("AES-128-CBC failed", impossible);
            }
        }
    }
}
