package io.strato.compute.api;

import java.time.Instant;

/** A user's keypair: an SSH public key (or an x509 certificate) injected into servers by name. */
public record Keypair(long id, String userId, String name, String fingerprint, String publicKey, String type,
        Instant createdAt) {
    public static final String SSH = "ssh";
    public static final String X509 = "x509";
}
