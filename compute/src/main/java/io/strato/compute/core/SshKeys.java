package io.strato.compute.core;

import io.strato.platform.http.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * SSH keys as Nova handles them: generating an RSA keypair (OpenSSH public key, PEM private key),
 * checking that an imported public key parses, and fingerprints (MD5 of the key blob as colon hex
 * for SSH keys, SHA-1 of the DER certificate for x509).
 */
public final class SshKeys {
    /** A generated keypair: the OpenSSH public key line and the PEM private key. */
    public record Generated(String publicKey, String privateKey, String fingerprint) {
    }

    private static final Set<String> SSH_TYPES = Set.of("ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");

    private SshKeys() {
    }

    /** A new 2048-bit RSA key, as Nova generates (its private key is PKCS#1 PEM, which every ssh client reads). */
    public static Generated generateRsa(String comment) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no RSA key generator", e);
        }
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        writeString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        writeString(blob, publicKey.getPublicExponent().toByteArray());
        writeString(blob, publicKey.getModulus().toByteArray());
        byte[] keyBlob = blob.toByteArray();
        String publicLine = "ssh-rsa " + Base64.getEncoder().encodeToString(keyBlob) + " " + comment + "\n";
        byte[] pkcs1 = pkcs1FromPkcs8(pair.getPrivate().getEncoded());
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
        return new Generated(publicLine, pem, md5Fingerprint(keyBlob));
    }

    /** The fingerprint of an OpenSSH public key line; 400 with Nova's message when it does not parse. */
    public static String sshFingerprint(String publicKey) {
        String[] parts = publicKey.strip().split("\\s+");
        // An authorized_keys line may start with options; find the key type.
        for (int i = 0; i + 1 < parts.length; i++) {
            if (SSH_TYPES.contains(parts[i])) {
                byte[] blob;
                try {
                    blob = Base64.getDecoder().decode(parts[i + 1]);
                } catch (IllegalArgumentException e) {
                    throw invalid();
                }
                checkBlob(parts[i], blob);
                return md5Fingerprint(blob);
            }
        }
        throw invalid();
    }

    /** The fingerprint of a PEM x509 certificate: SHA-1 of its DER form as colon hex, as Nova computes it. */
    public static String x509Fingerprint(String certificate) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate.getBytes(StandardCharsets.US_ASCII)));
            return colonHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        } catch (CertificateException | ClassCastException | NoSuchAlgorithmException e) {
            throw ApiException.badRequest("Keypair data is invalid: failed to generate fingerprint");
        }
    }

    static String md5Fingerprint(byte[] blob) {
        try {
            return colonHex(MessageDigest.getInstance("MD5").digest(blob));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colonHex(byte[] digest) {
        String hex = HexFormat.of().formatHex(digest);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** The blob names the same type as the line and holds the fields that type needs. */
    private static void checkBlob(String type, byte[] blob) {
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        String inner = new String(readString(buffer), StandardCharsets.US_ASCII);
        if (!inner.equals(type)) {
            throw invalid();
        }
        int fields = switch (type) {
            case "ssh-rsa" -> 2;
            case "ssh-dss" -> 4;
            case "ssh-ed25519" -> 1;
            case "sk-ssh-ed25519@openssh.com" -> 2;
            case "sk-ecdsa-sha2-nistp256@openssh.com" -> 3;
            default -> 2;
        };
        for (int i = 0; i < fields; i++) {
            byte[] field = readString(buffer);
            if (field.length == 0) {
                throw invalid();
            }
        }
        if (type.equals("ssh-rsa")) {
            ByteBuffer again = ByteBuffer.wrap(blob);
            readString(again);
            BigInteger exponent = new BigInteger(readString(again));
            BigInteger modulus = new BigInteger(readString(again));
            if (exponent.signum() <= 0 || modulus.bitLength() < 768) {
                throw invalid();
            }
        }
        if (type.equals("ssh-ed25519") && ByteBuffer.wrap(blob).position(4 + inner.length()).getInt() != 32) {
            throw invalid();
        }
        if (buffer.hasRemaining()) {
            throw invalid();
        }
    }

    private static byte[] readString(ByteBuffer buffer) {
        if (buffer.remaining() < 4) {
            throw invalid();
        }
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw invalid();
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    /** PKCS#8 PrivateKeyInfo is SEQUENCE { INTEGER, AlgorithmIdentifier, OCTET STRING (the PKCS#1 key) }. */
    static byte[] pkcs1FromPkcs8(byte[] der) {
        int[] position = {0};
        expectTag(der, position, 0x30);
        readLength(der, position);
        expectTag(der, position, 0x02);
        int versionLength = readLength(der, position);
        position[0] += versionLength;
        expectTag(der, position, 0x30);
        int algorithmLength = readLength(der, position);
        position[0] += algorithmLength;
        expectTag(der, position, 0x04);
        int length = readLength(der, position);
        byte[] pkcs1 = new byte[length];
        System.arraycopy(der, position[0], pkcs1, 0, length);
        return pkcs1;
    }

    private static void expectTag(byte[] der, int[] position, int tag) {
        if ((der[position[0]++] & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER structure in a generated private key");
        }
    }

    private static int readLength(byte[] der, int[] position) {
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[position[0]++] & 0xff);
        }
        return length;
    }

    private static ApiException invalid() {
        return ApiException.badRequest("Keypair data is invalid: failed to generate fingerprint");
    }
}
