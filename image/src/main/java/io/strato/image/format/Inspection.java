package io.strato.image.format;

import java.util.List;

/** What the inspector found: the format, the byte size, the virtual size if known, and safety problems. */
public record Inspection(DiskFormat detected, long size, Long virtualSize, List<String> safetyProblems) {
}
