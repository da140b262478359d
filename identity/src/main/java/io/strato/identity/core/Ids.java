package io.strato.identity.core;

import java.util.UUID;

/** Keystone-style identifiers: 32 lowercase hex characters. */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
