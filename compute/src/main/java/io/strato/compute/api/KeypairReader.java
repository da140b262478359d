package io.strato.compute.api;

import java.util.Optional;

/** What server create reads about keypairs: a user's keypair by name. */
public interface KeypairReader {
    Optional<Keypair> find(String userId, String name);
}
