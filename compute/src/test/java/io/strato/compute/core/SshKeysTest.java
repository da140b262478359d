package io.strato.compute.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strato.platform.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SshKeysTest {
    // ssh-keygen -t ed25519; fingerprint from `ssh-keygen -l -E md5`
    private static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
            + " user@host";

    @Test
    void fingerprintsAreMd5OfTheKeyBlob() throws Exception {
        byte[] blob = Base64.getDecoder().decode(ED25519.split(" ")[1]);
        assertEquals(SshKeys.md5Fingerprint(blob), SshKeys.sshFingerprint(ED25519));
        assertEquals(47, SshKeys.sshFingerprint(ED25519).length());
        assertEquals(SshKeys.sshFingerprint(ED25519), SshKeys.sshFingerprint("command=\"x\" " + ED25519));
    }

    @Test
    void generatedKeysAreConsistent() throws Exception {
        SshKeys.Generated generated = SshKeys.generateRsa("Generated-by-Strato");
        assertTrue(generated.publicKey().startsWith("ssh-rsa "));
        assertEquals(generated.fingerprint(), SshKeys.sshFingerprint(generated.publicKey()));
        String pem = generated.privateKey();
        assertTrue(pem.startsWith("-----BEGIN RSA PRIVATE KEY-----\n"));
        assertTrue(pem.endsWith("-----END RSA PRIVATE KEY-----\n"));
        // the PKCS#1 body re-wrapped as PKCS#8 is a valid RSA key with the public modulus
        byte[] pkcs1 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").getBytes(StandardCharsets.US_ASCII));
        byte[] prefix = {0x30, (byte) 0x82, 0, 0, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
                (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00, 0x04, (byte) 0x82, 0, 0};
        byte[] pkcs8 = new byte[prefix.length + pkcs1.length];
        System.arraycopy(prefix, 0, pkcs8, 0, prefix.length);
        System.arraycopy(pkcs1, 0, pkcs8, prefix.length, pkcs1.length);
        int outer = pkcs8.length - 4;
        pkcs8[2] = (byte) (outer >> 8);
        pkcs8[3] = (byte) outer;
        pkcs8[prefix.length - 2] = (byte) (pkcs1.length >> 8);
        pkcs8[prefix.length - 1] = (byte) pkcs1.length;
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        assertEquals(2048, key.getModulus().bitLength());
    }

    @Test
    void x509FingerprintsAreSha1OfTheCertificate() throws Exception {
        // openssl req -x509 ...; openssl x509 -noout -fingerprint -sha1
        String pem;
        try (var in = SshKeysTest.class.getResourceAsStream("/io/strato/compute/x509-keypair.pem")) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertEquals("ca:2a:37:bc:2e:fd:7f:c9:70:f1:4b:ed:62:30:f7:9b:0e:1c:a5:13", SshKeys.x509Fingerprint(pem));
    }

    @Test
    void malformedKeysAreRefused() {
        for (String bad : new String[] {"", "ssh-rsa", "ssh-rsa !!!", "ssh-rsa bm90IGEga2V5", "hello world",
                "ssh-rsa " + ED25519.split(" ")[1]}) {
            ApiException e = assertThrows(ApiException.class, () -> SshKeys.sshFingerprint(bad), bad);
            assertEquals(400, e.status());
        }
        assertEquals(400, assertThrows(ApiException.class, () -> SshKeys.x509Fingerprint("not a cert")).status());
    }
}
