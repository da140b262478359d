package io.strato.identity.token;

import io.strato.identity.token.TokenPayload.Scope;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Binary form of a {@link TokenPayload}, the plaintext inside a Fernet token.
 *
 * <pre>
 * format version      1 byte, 0x01
 * flags               1 byte: bits 0-1 scope (0 unscoped, 1 project, 2 domain, 3 system),
 *                     bit 2 trust id follows, bit 3 application credential id follows,
 *                     bit 4 second audit id follows, bit 5 other method names follow,
 *                     bit 6 user id is a UUID, bit 7 scope target is a UUID
 * known methods       1 byte bitmask, see KNOWN_METHODS (bit 7 zero)
 * other methods       [count (1 byte), then each as a string]   if flag bit 5
 * user id             16 bytes if flag bit 6, else id
 * scope target        16 bytes if flag bit 7, else id            unless unscoped
 * issued at           epoch milliseconds, unsigned LEB128 varint (6 bytes until the year 2109)
 * expires at          milliseconds after issued at, zigzag LEB128 varint (4 bytes up to 37 hours)
 * audit ids           16 bytes each, one or two
 * trust id            id                                         if flag bit 2
 * app credential id   id                                         if flag bit 3
 *
 * UUID:   Strato's ids, 32 lowercase hex characters, as their 16 bytes
 * id:     an even number of lowercase hex characters (UUIDs, Keystone's 64-character SHA-256 ids for LDAP and
 *         federated users) packed: byte 0x80 | n, then the n bytes (n 1..127); any other id as a string
 * string: byte n (1..127), then n bytes of UTF-8
 * </pre>
 *
 * The flag bits for the user and scope ids save the two bytes that keep a trust or application credential token
 * in five AES blocks instead of six.
 */
public final class TokenPayloadCodec {

    private static final byte FORMAT_VERSION = 1;
    private static final List<String> KNOWN_METHODS = List.of(
            "password", "token", "application_credential", "totp", "external", "oauth1", "mapped");

    private static final int SCOPE_MASK = 0b11;
    private static final int SCOPE_UNSCOPED = 0;
    private static final int SCOPE_PROJECT = 1;
    private static final int SCOPE_DOMAIN = 2;
    private static final int SCOPE_SYSTEM = 3;
    private static final int HAS_TRUST = 1 << 2;
    private static final int HAS_APPLICATION_CREDENTIAL = 1 << 3;
    private static final int HAS_SECOND_AUDIT_ID = 1 << 4;
    private static final int HAS_OTHER_METHODS = 1 << 5;
    private static final int USER_ID_IS_UUID = 1 << 6;
    private static final int SCOPE_TARGET_IS_UUID = 1 << 7;
    private static final int RESERVED_METHODS = 0b1000_0000;

    private static final int UUID_LENGTH = 16;
    private static final int PACKED_HEX = 0x80;
    private static final int MAXIMUM_LENGTH = 0x7F;
    private static final int AUDIT_ID_LENGTH = 16;

    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder AUDIT_ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private TokenPayloadCodec() {
    }

    /** A new audit id as Keystone makes them: 16 random bytes, url-safe base64 without padding (22 characters). */
    public static String newAuditId(SecureRandom random) {
        byte[] bytes = new byte[AUDIT_ID_LENGTH];
        random.nextBytes(bytes);
        return AUDIT_ID_ENCODER.encodeToString(bytes);
    }

    /** @throws IllegalArgumentException if an id or method name exceeds 127 bytes of UTF-8 or an instant is out of range */
    public static byte[] encode(TokenPayload payload) {
        Writer out = new Writer();
        int flags = scopeKind(payload.scope())
                | (payload.trustId() != null ? HAS_TRUST : 0)
                | (payload.applicationCredentialId() != null ? HAS_APPLICATION_CREDENTIAL : 0)
                | (payload.auditIds().size() == 2 ? HAS_SECOND_AUDIT_ID : 0)
                | (isUuid(payload.userId()) ? USER_ID_IS_UUID : 0)
                | (isUuid(scopeTarget(payload.scope())) ? SCOPE_TARGET_IS_UUID : 0);
        int knownMethods = 0;
        List<String> otherMethods = new ArrayList<>();
        for (String method : payload.methods()) {
            int index = KNOWN_METHODS.indexOf(method);
            if (index >= 0) {
                knownMethods |= 1 << index;
            } else {
                otherMethods.add(method);
            }
        }
        if (!otherMethods.isEmpty()) {
            flags |= HAS_OTHER_METHODS;
        }
        out.write(FORMAT_VERSION);
        out.write(flags);
        out.write(knownMethods);
        if (!otherMethods.isEmpty()) {
            if (otherMethods.size() > MAXIMUM_LENGTH) {
                throw new IllegalArgumentException("too many authentication methods");
            }
            out.write(otherMethods.size());
            otherMethods.forEach(out::writeString);
        }
        out.writeUuidOrId(payload.userId(), (flags & USER_ID_IS_UUID) != 0);
        String scopeTarget = scopeTarget(payload.scope());
        if (scopeTarget != null) {
            out.writeUuidOrId(scopeTarget, (flags & SCOPE_TARGET_IS_UUID) != 0);
        }
        try {
            long issuedAt = payload.issuedAt().toEpochMilli();
            out.writeVarint(issuedAt);
            long lifetime = Math.subtractExact(payload.expiresAt().toEpochMilli(), issuedAt);
            out.writeVarint((lifetime << 1) ^ (lifetime >> 63));
        } catch (ArithmeticException outOfRange) {
            throw new IllegalArgumentException("issuedAt or expiresAt out of range", outOfRange);
        }
        for (String auditId : payload.auditIds()) {
            out.write(Base64.getUrlDecoder().decode(auditId));
        }
        if (payload.trustId() != null) {
            out.writeId(payload.trustId());
        }
        if (payload.applicationCredentialId() != null) {
            out.writeId(payload.applicationCredentialId());
        }
        return out.toByteArray();
    }

    public static TokenPayload decode(byte[] bytes) throws InvalidTokenException {
        if (bytes == null) {
            throw unreadable();
        }
        Reader in = new Reader(bytes);
        try {
            if (in.read() != FORMAT_VERSION) {
                throw unreadable();
            }
            int flags = in.read();
            int knownMethods = in.read();
            if ((knownMethods & RESERVED_METHODS) != 0) {
                throw unreadable();
            }
            Set<String> methods = new HashSet<>();
            for (int index = 0; index < KNOWN_METHODS.size(); index++) {
                if ((knownMethods & (1 << index)) != 0) {
                    methods.add(KNOWN_METHODS.get(index));
                }
            }
            if ((flags & HAS_OTHER_METHODS) != 0) {
                for (int count = in.read(); count > 0; count--) {
                    methods.add(in.readString());
                }
            }
            String userId = in.readUuidOrId((flags & USER_ID_IS_UUID) != 0);
            int scopeKind = flags & SCOPE_MASK;
            String scopeTarget = scopeKind == SCOPE_UNSCOPED ? null : in.readUuidOrId((flags & SCOPE_TARGET_IS_UUID) != 0);
            Scope scope = switch (scopeKind) {
                case SCOPE_UNSCOPED -> new Scope.Unscoped();
                case SCOPE_PROJECT -> new Scope.ProjectScope(scopeTarget);
                case SCOPE_DOMAIN -> new Scope.DomainScope(scopeTarget);
                default -> new Scope.SystemScope(scopeTarget);
            };
            if (scopeKind == SCOPE_UNSCOPED && (flags & SCOPE_TARGET_IS_UUID) != 0) {
                throw unreadable();
            }
            long issuedAt = in.readVarint();
            long zigzagLifetime = in.readVarint();
            long lifetime = (zigzagLifetime >>> 1) ^ -(zigzagLifetime & 1);
            long expiresAt = Math.addExact(issuedAt, lifetime);
            List<String> auditIds = (flags & HAS_SECOND_AUDIT_ID) != 0
                    ? List.of(in.readAuditId(), in.readAuditId())
                    : List.of(in.readAuditId());
            String trustId = (flags & HAS_TRUST) != 0 ? in.readId() : null;
            String applicationCredentialId = (flags & HAS_APPLICATION_CREDENTIAL) != 0 ? in.readId() : null;
            if (!in.isExhausted()) {
                throw unreadable();
            }
            return new TokenPayload(userId, methods, scope, Instant.ofEpochMilli(expiresAt),
                    Instant.ofEpochMilli(issuedAt), auditIds, trustId, applicationCredentialId);
        } catch (IllegalArgumentException | ArithmeticException invalid) {
            throw unreadable();
        }
    }

    private static int scopeKind(Scope scope) {
        return switch (scope) {
            case Scope.Unscoped unscoped -> SCOPE_UNSCOPED;
            case Scope.ProjectScope project -> SCOPE_PROJECT;
            case Scope.DomainScope domain -> SCOPE_DOMAIN;
            case Scope.SystemScope system -> SCOPE_SYSTEM;
        };
    }

    private static String scopeTarget(Scope scope) {
        return switch (scope) {
            case Scope.Unscoped unscoped -> null;
            case Scope.ProjectScope project -> project.projectId();
            case Scope.DomainScope domain -> domain.domainId();
            case Scope.SystemScope system -> system.system();
        };
    }

    private static boolean isUuid(String id) {
        return id != null && id.length() == 2 * UUID_LENGTH && isPackableHex(id);
    }

    private static boolean isPackableHex(String id) {
        int length = id.length();
        if (length == 0 || length % 2 != 0 || length > 2 * MAXIMUM_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char character = id.charAt(i);
            if (!((character >= '0' && character <= '9') || (character >= 'a' && character <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static InvalidTokenException unreadable() {
        return new InvalidTokenException("unreadable token payload");
    }

    private static final class Writer {
        private byte[] buffer = new byte[96];
        private int length;

        void write(int value) {
            ensureCapacity(1);
            buffer[length++] = (byte) value;
        }

        void write(byte[] bytes) {
            ensureCapacity(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            write((int) value);
        }

        void writeUuidOrId(String id, boolean uuid) {
            if (uuid) {
                write(HEX.parseHex(id));
            } else {
                writeId(id);
            }
        }

        void writeId(String id) {
            if (isPackableHex(id)) {
                write(PACKED_HEX | id.length() / 2);
                write(HEX.parseHex(id));
            } else {
                writeString(id);
            }
        }

        void writeString(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (utf8.length == 0 || utf8.length > MAXIMUM_LENGTH) {
                throw new IllegalArgumentException("ids and method names must be 1 to 127 bytes of UTF-8");
            }
            write(utf8.length);
            write(utf8);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, length);
        }

        private void ensureCapacity(int extra) {
            if (length + extra > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + extra));
            }
        }
    }

    /** Every read checks bounds and throws {@link InvalidTokenException}; nothing here trusts the input. */
    private static final class Reader {
        private static final int MAXIMUM_VARINT_LENGTH = 10;

        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int read() throws InvalidTokenException {
            require(1);
            return bytes[position++] & 0xFF;
        }

        long readVarint() throws InvalidTokenException {
            long value = 0;
            for (int shift = 0, count = 0; count < MAXIMUM_VARINT_LENGTH; shift += 7, count++) {
                int next = read();
                value |= (long) (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw unreadable();
        }

        String readUuidOrId(boolean uuid) throws InvalidTokenException {
            return uuid ? readHex(UUID_LENGTH) : readId();
        }

        String readId() throws InvalidTokenException {
            int header = read();
            return (header & PACKED_HEX) == 0 ? readUtf8(header) : readHex(header & MAXIMUM_LENGTH);
        }

        private String readHex(int length) throws InvalidTokenException {
            requireNonEmpty(length);
            String hex = HEX.formatHex(bytes, position, position + length);
            position += length;
            return hex;
        }

        String readString() throws InvalidTokenException {
            return readUtf8(read());
        }

        String readAuditId() throws InvalidTokenException {
            require(AUDIT_ID_LENGTH);
            position += AUDIT_ID_LENGTH;
            return AUDIT_ID_ENCODER.encodeToString(Arrays.copyOfRange(bytes, position - AUDIT_ID_LENGTH, position));
        }

        boolean isExhausted() {
            return position == bytes.length;
        }

        private String readUtf8(int length) throws InvalidTokenException {
            if (length > MAXIMUM_LENGTH) {
                throw unreadable();
            }
            requireNonEmpty(length);
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        private void requireNonEmpty(int count) throws InvalidTokenException {
            if (count == 0) {
                throw unreadable();
            }
            require(count);
        }

        private void require(int count) throws InvalidTokenException {
            if (bytes.length - position < count) {
                throw unreadable();
            }
        }
    }
}
