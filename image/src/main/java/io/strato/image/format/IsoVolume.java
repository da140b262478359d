package io.strato.image.format;

import java.util.List;
import java.util.Optional;

/**
 * ISO 9660 / UDF: after the 32 KiB system area come 2 KiB volume descriptors whose standard
 * identifier (at byte 1 of each) is {@code CD001} for ISO 9660 and {@code NSR02}/{@code NSR03} for
 * UDF. The first three descriptor slots are looked at (0x8000, 0x8800, 0x9000), since a boot record
 * or UDF's {@code BEA01} may come first. An ISO is a raw image to qemu: its virtual size is its size.
 * Bootable "hybrid" ISOs carry an MBR (or GPT) in their system area, which is part of the ISO.
 */
final class IsoVolume {
    static final int[] DESCRIPTOR_OFFSETS = {0x8000, 0x8800, 0x9000};
    static final List<byte[]> IDENTIFIERS = List.of(Bytes.ascii("CD001"), Bytes.ascii("NSR02"), Bytes.ascii("NSR03"));

    private IsoVolume() {
    }

    static Optional<FormatMatch> inspect(StreamSnapshot stream) {
        for (int descriptor : DESCRIPTOR_OFFSETS) {
            for (byte[] identifier : IDENTIFIERS) {
                if (stream.headMatches(descriptor + 1, identifier)) {
                    return Optional.of(FormatMatch.hostingPartitionTable(DiskFormat.ISO, stream.size(), List.of()));
                }
            }
        }
        return Optional.empty();
    }
}
