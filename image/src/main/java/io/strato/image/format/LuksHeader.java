package io.strato.image.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LUKS: magic {@code LUKS\xba\xbe} at 0, big-endian version at 6 and, for version 1, the payload
 * offset in 512-byte sectors at 104. Only version 1 is accepted, as oslo.utils does (qemu handles no
 * other); the virtual size is what follows the payload offset.
 */
final class LuksHeader {
    static final byte[] MAGIC = {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe};
    static final int PAYLOAD_OFFSET_OFFSET = 104;
    static final int SECTOR_SIZE = 512;

    private LuksHeader() {
    }

    static Optional<FormatMatch> inspect(StreamSnapshot stream) {
        if (!stream.headMatches(0, MAGIC)) {
            return Optional.empty();
        }
        if (!stream.headCovers(0, PAYLOAD_OFFSET_OFFSET + Integer.BYTES)) {
            return Optional.of(FormatMatch.of(DiskFormat.LUKS, null, List.of("LUKS header is truncated")));
        }
        List<String> problems = new ArrayList<>();
        int version = Bytes.uint16BigEndian(stream.head(), 6);
        if (version != 1) {
            problems.add("LUKS version " + version + " is not supported; only version 1 is accepted");
        }
        long payload = Bytes.uint32BigEndian(stream.head(), PAYLOAD_OFFSET_OFFSET) * SECTOR_SIZE;
        Long virtualSize = version == 1 && payload <= stream.size() ? stream.size() - payload : null;
        return Optional.of(FormatMatch.of(DiskFormat.LUKS, virtualSize, problems));
    }
}
