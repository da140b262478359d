package io.strato.image.format;

import java.util.List;
import java.util.Optional;

/**
 * QED (QEMU Enhanced Disk): magic {@code QED\0} at 0, little-endian image size at 48. Recognised so
 * that it can be refused, as oslo.utils does: nothing supports it and it can name a backing file.
 */
final class QedHeader {
    static final byte[] MAGIC = {'Q', 'E', 'D', 0};
    static final int IMAGE_SIZE_OFFSET = 48;

    private QedHeader() {
    }

    static Optional<FormatMatch> inspect(StreamSnapshot stream) {
        if (!stream.headMatches(0, MAGIC)) {
            return Optional.empty();
        }
        Long virtualSize = null;
        if (stream.headCovers(IMAGE_SIZE_OFFSET, Long.BYTES)) {
            long size = Bytes.uint64LittleEndian(stream.head(), IMAGE_SIZE_OFFSET);
            virtualSize = size < 0 ? null : size;
        }
        return Optional.of(FormatMatch.of(DiskFormat.QED, virtualSize, List.of("qed images are not allowed")));
    }
}
