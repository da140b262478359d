package io.strato.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.identity.token.TokenPayload.Scope;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenPayloadCodecTest {

    static final String USER_ID = "5f1c8e7b2a9d4c3e8f0a1b2c3d4e5f60";
    static final String PROJECT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String DOMAIN_ID = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";
    static final String TRUST_ID = "7e57e57e57e57e57e57e57e57e57e57e";
    static final String APPLICATION_CREDENTIAL_ID = "a9911ca7e0c4ed1a9911ca7e0c4ed1aa";
    static final Instant ISSUED_AT = Instant.parse("2025-06-01T12:34:56.789Z");
    static final Instant EXPIRES_AT = ISSUED_AT.plusSeconds(3600);

    private static final SecureRandom RANDOM = new SecureRandom();

    static TokenPayload projectToken(List<String> auditIds) {
        return new TokenPayload(USER_ID, Set.of("password"), new Scope.ProjectScope(PROJECT_ID), EXPIRES_AT, ISSUED_AT,
                auditIds, null, null);
    }

    static String auditId() {
        return TokenPayloadCodec.newAuditId(RANDOM);
    }

    static Stream<TokenPayload> payloads() {
        List<Scope> scopes = List.of(new Scope.Unscoped(), new Scope.ProjectScope(PROJECT_ID),
                new Scope.DomainScope(DOMAIN_ID), new Scope.DomainScope("default"), new Scope.SystemScope(), new Scope.SystemScope("all"),
                new Scope.ProjectScope("not-a-uuid"), new Scope.ProjectScope("0A1B2C3D4E5F60718293A4B5C6D7E8F9"));
        List<Set<String>> methodSets = List.of(Set.of("password"), Set.of("token", "password"),
                Set.of("application_credential"), Set.of("password", "totp"),
                Set.of("external", "oauth1", "mapped", "password", "token", "application_credential", "totp"),
                Set.of("kerberos"), Set.of("password", "x509", "openid"));
        List<String> userIds = List.of(USER_ID, "cn=alice,ou=people", "ユーザー", "1",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        Stream.Builder<TokenPayload> payloads = Stream.builder();
        int variant = 0;
        for (Scope scope : scopes) {
            for (Set<String> methods : methodSets) {
                for (String userId : userIds) {
                    variant++;
                    List<String> auditIds = variant % 2 == 0 ? List.of(auditId()) : List.of(auditId(), auditId());
                    String trustId = variant % 3 == 0 ? TRUST_ID : variant % 3 == 1 ? null : "trust";
                    String applicationCredentialId = variant % 5 == 0 ? APPLICATION_CREDENTIAL_ID
                            : variant % 5 == 1 ? "app-cred" : null;
                    payloads.add(new TokenPayload(userId, methods, scope, EXPIRES_AT.plusMillis(variant),
                            ISSUED_AT.plusMillis(variant * 7L), auditIds, trustId, applicationCredentialId));
                }
            }
        }
        return payloads.build();
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void roundTrips(TokenPayload payload) throws InvalidTokenException {
        assertEquals(payload, TokenPayloadCodec.decode(TokenPayloadCodec.encode(payload)));
    }

    @Test
    void roundTripsUnusualInstants() throws InvalidTokenException {
        for (Instant issuedAt : List.of(Instant.EPOCH, Instant.ofEpochMilli(-1), Instant.parse("1900-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"))) {
            for (Instant expiresAt : List.of(issuedAt, issuedAt.minusMillis(1), issuedAt.plusMillis(1),
                    Instant.ofEpochMilli(Long.MAX_VALUE / 2), Instant.ofEpochMilli(Long.MIN_VALUE / 2))) {
                TokenPayload payload = new TokenPayload(USER_ID, Set.of("token"), new Scope.Unscoped(), expiresAt,
                        issuedAt, List.of(auditId()), null, null);
                assertEquals(payload, TokenPayloadCodec.decode(TokenPayloadCodec.encode(payload)));
            }
        }
    }

    @Test
    void instantsKeepMillisecondsAndDropFinerPrecision() throws InvalidTokenException {
        TokenPayload payload = new TokenPayload(USER_ID, Set.of("password"), new Scope.Unscoped(),
                Instant.parse("2025-06-01T13:00:00.123456789Z"), Instant.parse("2025-06-01T12:00:00.987654321Z"),
                List.of(auditId()), null, null);
        TokenPayload decoded = TokenPayloadCodec.decode(TokenPayloadCodec.encode(payload));
        assertEquals(Instant.parse("2025-06-01T12:00:00.987Z"), decoded.issuedAt());
        assertEquals(Instant.parse("2025-06-01T13:00:00.123Z"), decoded.expiresAt());
    }

    @Test
    void projectScopedPayloadWithTwoAuditIdsIsCompact() {
        byte[] encoded = TokenPayloadCodec.encode(projectToken(List.of(auditId(), auditId())));
        // version 1 + flags 1 + methods 1 + user 16 + project 16 + issued at 6 + lifetime 4 + audit ids 32 = 77:
        // five AES blocks once PKCS7-padded.
        assertEquals(77, encoded.length);
    }

    @Test
    void sha256HexIdsArePackedToo() {
        String ldapUserId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        TokenPayload ldapUser = new TokenPayload(ldapUserId, Set.of("password"), new Scope.ProjectScope(PROJECT_ID),
                EXPIRES_AT, ISSUED_AT, List.of(auditId()), null, null);
        // 77 - one audit id (16) - UUID user (16) + header and 32 bytes (33)
        assertEquals(78, TokenPayloadCodec.encode(ldapUser).length);
    }

    @Test
    void systemScopeMeansAllUnlessToldOtherwise() {
        assertEquals(new Scope.SystemScope("all"), new Scope.SystemScope());
    }

    @Test
    void newAuditIdsAreKeystoneStyle() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String auditId = TokenPayloadCodec.newAuditId(RANDOM);
            assertEquals(22, auditId.length());
            assertTrue(auditId.matches("[A-Za-z0-9_-]{22}"), auditId);
            assertTrue(seen.add(auditId));
            assertEquals(16, java.util.Base64.getUrlDecoder().decode(auditId).length);
        }
    }

    @Test
    void payloadRejectsWhatTheFormatCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> projectToken(List.of()));
        assertThrows(IllegalArgumentException.class, () -> projectToken(List.of(auditId(), auditId(), auditId())));
        assertThrows(IllegalArgumentException.class, () -> projectToken(List.of("too-short")));
        assertThrows(IllegalArgumentException.class, () -> projectToken(List.of("AAAAAAAAAAAAAAAAAAAAAB")), "non-canonical");
        assertThrows(IllegalArgumentException.class, () -> projectToken(List.of("AAAAAAAAAAAAAAAAAAAA+A")));
        assertThrows(IllegalArgumentException.class, () -> new TokenPayload("", Set.of("password"),
                new Scope.Unscoped(), EXPIRES_AT, ISSUED_AT, List.of(auditId()), null, null));
        assertThrows(IllegalArgumentException.class, () -> new TokenPayload(USER_ID, Set.of(),
                new Scope.Unscoped(), EXPIRES_AT, ISSUED_AT, List.of(auditId()), null, null));
        assertThrows(IllegalArgumentException.class, () -> new TokenPayload(USER_ID, Set.of("password"),
                new Scope.Unscoped(), EXPIRES_AT, ISSUED_AT, List.of(auditId()), "", null));
        assertThrows(IllegalArgumentException.class, () -> new Scope.ProjectScope(""));
        TokenPayload longId = new TokenPayload("x".repeat(128), Set.of("password"), new Scope.Unscoped(), EXPIRES_AT,
                ISSUED_AT, List.of(auditId()), null, null);
        assertThrows(IllegalArgumentException.class, () -> TokenPayloadCodec.encode(longId));
        TokenPayload hugeInstant = new TokenPayload(USER_ID, Set.of("password"), new Scope.Unscoped(), Instant.MAX,
                ISSUED_AT, List.of(auditId()), null, null);
        assertThrows(IllegalArgumentException.class, () -> TokenPayloadCodec.encode(hugeInstant));
    }

    @Test
    void everyTruncationAndExtensionIsUnreadable() {
        byte[] encoded = TokenPayloadCodec.encode(new TokenPayload(USER_ID, Set.of("password", "kerberos"),
                new Scope.DomainScope("default"), EXPIRES_AT, ISSUED_AT, List.of(auditId(), auditId()), TRUST_ID,
                "app-cred"));
        for (int length = 0; length < encoded.length; length++) {
            assertUnreadable(Arrays.copyOf(encoded, length));
        }
        assertUnreadable(Arrays.copyOf(encoded, encoded.length + 1));
    }

    @Test
    void unknownVersionsAndReservedBitsAreUnreadable() {
        byte[] encoded = TokenPayloadCodec.encode(projectToken(List.of(auditId())));
        for (int version : new int[] {0, 2, 0x80, 0xFF}) {
            byte[] changed = encoded.clone();
            changed[0] = (byte) version;
            assertUnreadable(changed);
        }
        byte[] unscoped = TokenPayloadCodec.encode(new TokenPayload(USER_ID, Set.of("token"), new Scope.Unscoped(),
                EXPIRES_AT, ISSUED_AT, List.of(auditId()), null, null));
        unscoped[1] |= (byte) 0x80;   // "scope target is a UUID" without a scope
        assertUnreadable(unscoped);
        byte[] changed = encoded.clone();
        changed[2] |= (byte) 0x80;
        assertUnreadable(changed);
        assertUnreadable(null);
    }

    @Test
    void randomBytesNeverThrowAnythingButInvalidToken() throws InvalidTokenException {
        Random seeded = new Random(2);
        byte[] valid = TokenPayloadCodec.encode(new TokenPayload("cn=bob", Set.of("password", "kerberos"),
                new Scope.ProjectScope(PROJECT_ID), EXPIRES_AT, ISSUED_AT, List.of(auditId(), auditId()), TRUST_ID,
                APPLICATION_CREDENTIAL_ID));
        int decoded = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes;
            if (i % 2 == 0) {
                bytes = new byte[seeded.nextInt(120)];
                seeded.nextBytes(bytes);
                if (bytes.length > 0) {
                    bytes[0] = 1;
                }
            } else {
                bytes = valid.clone();
                bytes[seeded.nextInt(bytes.length)] = (byte) seeded.nextInt(256);
            }
            try {
                TokenPayload payload = TokenPayloadCodec.decode(bytes);
                assertNotEquals(null, payload.userId());
                decoded++;
            } catch (InvalidTokenException expected) {
                // fine: only exceptions of this type are allowed
            }
        }
        assertTrue(decoded > 0, "mutations that keep the structure intact still decode");
    }

    private static void assertUnreadable(byte[] bytes) {
        assertThrows(InvalidTokenException.class, () -> TokenPayloadCodec.decode(bytes));
    }
}
