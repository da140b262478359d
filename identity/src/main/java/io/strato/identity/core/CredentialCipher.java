package io.strato.identity.core;

import io.strato.identity.token.Fernet;
import io.strato.identity.token.FernetKeyRepository;
import io.strato.identity.token.InvalidTokenException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Encrypts stored credential blobs (EC2 secrets and the like) with their own Fernet key
 * repository, as Keystone's credential provider does, so a database dump shows no secrets.
 */
public final class CredentialCipher {
    private final FernetKeyRepository keys;
    private final Clock clock;

    public CredentialCipher(FernetKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public String encrypt(String blob) {
        return Fernet.encrypt(keys.primary(), blob.getBytes(StandardCharsets.UTF_8), clock.millis() / 1000);
    }

    public String decrypt(String stored) {
        try {
            return new String(Fernet.decrypt(keys.keys(), stored).plaintext(), StandardCharsets.UTF_8);
        } catch (InvalidTokenException e) {
            throw new IllegalStateException("a stored credential cannot be decrypted with the credential keys in "
                    + keys.directory() + "; were the keys replaced?", e);
        }
    }
}
