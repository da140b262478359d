package io.strato.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.identity.token.TokenPayload.Scope;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FernetTokenProviderTest {

    private static final String USER_ID = TokenPayloadCodecTest.USER_ID;
    private static final String PROJECT_ID = TokenPayloadCodecTest.PROJECT_ID;
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.250Z");

    @TempDir
    Path keyDirectory;

    private final SecureRandom random = new SecureRandom();
    private final SettableClock clock = new SettableClock(NOW);
    private FernetKeyRepository keys;
    private FernetTokenProvider provider;

    @BeforeEach
    void setUp() throws IOException {
        keys = new FernetKeyRepository(keyDirectory, FernetKeyRepository.DEFAULT_MAX_ACTIVE_KEYS);
        keys.initialize();
        provider = new FernetTokenProvider(keys, clock);
    }

    static List<TokenPayload> payloads() {
        return TokenPayloadCodecTest.payloads()
                .map(payload -> new TokenPayload(payload.userId(), payload.methods(), payload.scope(),
                        NOW.plus(Duration.ofHours(1)), NOW, payload.auditIds(), payload.trustId(),
                        payload.applicationCredentialId()))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void validatesWhatItIssues(TokenPayload payload) throws InvalidTokenException {
        assertEquals(payload, provider.validate(provider.issue(payload)));
    }

    @Test
    void projectScopedTokenWithTwoAuditIdsIsWellUnder255Characters() throws InvalidTokenException {
        TokenPayload payload = projectToken(List.of(auditId(), auditId()), null, null);
        String token = provider.issue(payload);
        // Measured: 183 characters (77-byte payload -> 80 bytes of ciphertext -> 137-byte Fernet token, unpadded base64).
        assertEquals(183, token.length());
        assertTrue(token.length() < 255);
        assertEquals(payload, provider.validate(token));
    }

    @Test
    void tokenWithEveryOptionalFieldStillFitsIn255Characters() throws InvalidTokenException {
        TokenPayload payload = projectToken(List.of(auditId(), auditId()),
                TokenPayloadCodecTest.TRUST_ID, TokenPayloadCodecTest.APPLICATION_CREDENTIAL_ID);
        String token = provider.issue(payload);
        // Measured: 226 characters (111-byte payload -> 112 bytes of ciphertext -> 169-byte Fernet token).
        assertEquals(226, token.length());
        assertEquals(payload, provider.validate(token));
    }

    @Test
    void trustAndApplicationCredentialTokensAreAsShortAsPlainOnes() throws InvalidTokenException {
        // 61-byte payload + a 17-byte id = 78 bytes: still five AES blocks, 183 characters.
        for (TokenPayload payload : List.of(
                projectToken(List.of(auditId()), TokenPayloadCodecTest.TRUST_ID, null),
                projectToken(List.of(auditId()), null, TokenPayloadCodecTest.APPLICATION_CREDENTIAL_ID))) {
            String token = provider.issue(payload);
            assertEquals(183, token.length());
            assertEquals(payload, provider.validate(token));
        }
    }

    @Test
    void theFernetTimestampIsTheIssueTime() throws InvalidTokenException {
        String token = provider.issue(projectToken(List.of(auditId()), null, null));
        assertEquals(NOW.getEpochSecond(), Fernet.decrypt(keys.keys(), token).timestampSeconds());
    }

    @Test
    void expiresExactlyAtExpiresAt() throws InvalidTokenException {
        TokenPayload payload = projectToken(List.of(auditId()), null, null);
        String token = provider.issue(payload);
        clock.set(payload.expiresAt().minusMillis(1));
        assertEquals(payload, provider.validate(token));
        clock.set(payload.expiresAt());
        assertInvalid(token, "token expired");
        clock.set(payload.expiresAt().plus(Duration.ofDays(365)));
        assertInvalid(token, "token expired");
    }

    @Test
    void tokensOfThePreviousPrimaryStayValidUntilTheirKeyIsPurged() throws IOException, InvalidTokenException {
        TokenPayload payload = projectToken(List.of(auditId()), null, null);
        String token = provider.issue(payload);

        keys.rotate();
        assertEquals(payload, provider.validate(token), "valid after one rotation");
        String issuedAfterRotation = provider.issue(payload);

        // With max_active_keys = 3 a key survives as primary, then one rotation as secondary: a token falls out at
        // the (maxActiveKeys - 1)th rotation after it was issued, so it is certainly gone after maxActiveKeys.
        keys.rotate();
        assertInvalid(token, "invalid signature");
        assertEquals(payload, provider.validate(issuedAfterRotation));
        keys.rotate();
        assertInvalid(token, "invalid signature");
        assertInvalid(issuedAfterRotation, "invalid signature");
    }

    @Test
    void aNodeThatReloadedAcceptsTokensIssuedWithTheNewPrimaryElsewhere() throws IOException, InvalidTokenException {
        FernetKeyRepository otherNodeKeys = new FernetKeyRepository(keyDirectory, 3);
        otherNodeKeys.reload();
        FernetTokenProvider otherNode = new FernetTokenProvider(otherNodeKeys, clock);
        keys.rotate();
        TokenPayload payload = projectToken(List.of(auditId()), null, null);
        // The new primary was the staged key, which the other node already knew: no reload needed.
        assertEquals(payload, otherNode.validate(provider.issue(payload)));
        otherNodeKeys.reload();
        assertEquals(payload, provider.validate(otherNode.issue(payload)));
    }

    @Test
    void tokensFromAnotherRepositoryAreRejected() throws IOException {
        FernetKeyRepository strangerKeys = new FernetKeyRepository(keyDirectory.resolve("stranger"), 3);
        strangerKeys.initialize();
        String token = new FernetTokenProvider(strangerKeys, clock).issue(projectToken(List.of(auditId()), null, null));
        assertInvalid(token, "invalid signature");
    }

    @Test
    void authenticGarbageIsRejected() {
        String token = Fernet.encrypt(keys.primary(), "{\"user\": \"admin\"}".getBytes(), NOW.getEpochSecond());
        assertInvalid(token, "unreadable token payload");
        assertInvalid(Fernet.encrypt(keys.primary(), new byte[0], NOW.getEpochSecond()), "unreadable token payload");
    }

    @Test
    void changingAnyCharacterInvalidatesTheToken() {
        String token = provider.issue(projectToken(List.of(auditId(), auditId()), null, null));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int index = 0; index < token.length(); index++) {
            for (char replacement : alphabet.toCharArray()) {
                if (replacement != token.charAt(index)) {
                    String tampered = token.substring(0, index) + replacement + token.substring(index + 1);
                    assertThrows(InvalidTokenException.class, () -> provider.validate(tampered));
                }
            }
        }
    }

    @Test
    void paddedTokensAreAcceptedLikeKeystoneDoes() throws InvalidTokenException {
        TokenPayload payload = projectToken(List.of(auditId()), null, null);
        String token = provider.issue(payload);
        assertFalse(token.contains("="));
        String padded = token + "=".repeat((4 - token.length() % 4) % 4);
        assertEquals(payload, provider.validate(padded));
    }

    @Test
    void anyStringIsEitherValidOrInvalidTokenNeverAnotherException() {
        assertInvalid(null, "malformed token");
        assertInvalid("", "malformed token");
        assertInvalid("x".repeat(FernetTokenProvider.MAXIMUM_TOKEN_LENGTH + 1), "malformed token");
        assertInvalid("A".repeat(FernetTokenProvider.MAXIMUM_TOKEN_LENGTH), "malformed token");
        assertInvalid("gAAAA" + "A".repeat(FernetTokenProvider.MAXIMUM_TOKEN_LENGTH - 5), "malformed token");
        assertInvalid("g" + "A".repeat(200_000), "malformed token");
        Random seeded = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            char[] characters = new char[seeded.nextInt(400)];
            for (int j = 0; j < characters.length; j++) {
                characters[j] = (char) (i % 2 == 0 ? seeded.nextInt(0x10000) : ' ' + seeded.nextInt(95));
            }
            String garbage = new String(characters);
            assertThrows(InvalidTokenException.class, () -> provider.validate(garbage));
        }
    }

    @Test
    void rejectionsAreCheapAndStackless() {
        InvalidTokenException rejection = assertThrows(InvalidTokenException.class, () -> provider.validate("nope"));
        assertEquals(0, rejection.getStackTrace().length);
    }

    @Test
    void refusesToIssueATokenItCouldNotValidate() {
        Set<String> manyMethods = new java.util.HashSet<>();
        for (int i = 0; i < 100; i++) {
            manyMethods.add("method-with-a-rather-long-name-" + "x".repeat(60) + i);
        }
        TokenPayload huge = new TokenPayload(USER_ID, manyMethods, new Scope.Unscoped(), NOW.plusSeconds(60), NOW,
                List.of(auditId()), null, null);
        assertThrows(IllegalArgumentException.class, () -> provider.issue(huge));
    }

    private TokenPayload projectToken(List<String> auditIds, String trustId, String applicationCredentialId) {
        return new TokenPayload(USER_ID, Set.of("password"), new Scope.ProjectScope(PROJECT_ID),
                NOW.plus(Duration.ofHours(1)), NOW, auditIds, trustId, applicationCredentialId);
    }

    private String auditId() {
        return TokenPayloadCodec.newAuditId(random);
    }

    private void assertInvalid(String token, String reason) {
        InvalidTokenException rejection = assertThrows(InvalidTokenException.class, () -> provider.validate(token));
        assertEquals(reason, rejection.getMessage());
    }

    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
