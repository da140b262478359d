package io.strato.image.format;

import java.util.Optional;

/** Placeholder until the real policy lands. */
public final class FormatPolicy {
    private FormatPolicy() {
    }

    public static Optional<String> check(String declaredDiskFormat, Inspection inspection) {
        return Optional.empty();
    }
}
