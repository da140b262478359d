package io.strato.image.format;

import java.util.List;
import java.util.Objects;

/**
 * One format's claim on the content: the format, the name used when several formats claim the same
 * content, the virtual size it describes ({@code null} when unknown), its safety problems, and
 * whether the format keeps a raw disk's first sector as its own (an ISO's system area, a fixed VHD's
 * data), so that a partition table found there belongs to it rather than being a second format.
 */
record FormatMatch(DiskFormat format, String name, Long virtualSize, List<String> safetyProblems, boolean hostsPartitionTable) {

    FormatMatch {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(name, "name");
        safetyProblems = List.copyOf(safetyProblems);
    }

    static FormatMatch of(DiskFormat format, Long virtualSize, List<String> safetyProblems) {
        return new FormatMatch(format, format.glanceName(), virtualSize, safetyProblems, false);
    }

    /** A format whose first sector is a raw disk's first sector, where a partition table may be. */
    static FormatMatch hostingPartitionTable(DiskFormat format, Long virtualSize, List<String> safetyProblems) {
        return new FormatMatch(format, format.glanceName(), virtualSize, safetyProblems, true);
    }
}
