package io.strato.image.format;

import java.util.List;
import java.util.Objects;

/**
 * What {@link FormatInspector} learnt from a complete upload.
 *
 * @param detected the format the content is in ({@link DiskFormat#RAW} when nothing else matched)
 * @param size the number of bytes seen
 * @param virtualSize the size of the disk the image describes, in bytes, or {@code null} when it could
 *     not be determined
 * @param safetyProblems user-facing reasons the content must be refused whatever its declared
 *     format; empty when the content is safe
 */
public record Inspection(DiskFormat detected, long size, Long virtualSize, List<String> safetyProblems) {

    public Inspection {
        Objects.requireNonNull(detected, "detected");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        safetyProblems = List.copyOf(safetyProblems);
    }

    /** Whether no safety problem was found. */
    public boolean safe() {
        return safetyProblems.isEmpty();
    }
}
