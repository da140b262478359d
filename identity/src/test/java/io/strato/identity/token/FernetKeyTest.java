package io.strato.identity.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FernetKeyTest {

    private static final String SPEC_SECRET = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

    @Test
    void firstHalfSignsSecondHalfEncrypts() {
        byte[] raw = Base64.getUrlDecoder().decode(SPEC_SECRET);
        FernetKey key = FernetKey.parse(SPEC_SECRET);
        assertArrayEquals(java.util.Arrays.copyOfRange(raw, 0, 16), key.signingKey());
        assertArrayEquals(java.util.Arrays.copyOfRange(raw, 16, 32), key.encryptionKey());
        assertEquals(SPEC_SECRET, key.encoded());
    }

    @Test
    void generatedKeysLookLikeKeystoneKeyFiles() {
        FernetKey key = FernetKey.generate(new SecureRandom());
        String encoded = key.encoded();
        assertEquals(44, encoded.length());
        assertEquals('=', encoded.charAt(43));
        assertEquals(key, FernetKey.parse(encoded));
        assertNotEquals(key, FernetKey.generate(new SecureRandom()));
    }

    @Test
    void toleratesTheTrailingNewlineOfHandWrittenKeyFiles() {
        assertEquals(FernetKey.parse(SPEC_SECRET), FernetKey.parse(SPEC_SECRET + "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4",
            "cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4=", "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=AAAA",
            "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"})
    void rejectsAnythingButThirtyTwoBytesOfUrlSafeBase64(String encoded) {
        assertThrows(IllegalArgumentException.class, () -> FernetKey.parse(encoded));
    }

    @Test
    void keyMaterialIsCopiedAndNeverPrinted() {
        byte[] signing = new byte[16];
        FernetKey key = new FernetKey(signing, new byte[16]);
        signing[0] = 1;
        key.signingKey()[1] = 1;
        assertArrayEquals(new byte[16], key.signingKey());
        assertFalse(key.toString().contains(key.encoded()));
        assertEquals("FernetKey[redacted]", key.toString());
        assertThrows(IllegalArgumentException.class, () -> new FernetKey(new byte[15], new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new FernetKey(new byte[16], null));
    }
}
