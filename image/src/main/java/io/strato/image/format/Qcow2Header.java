package io.strato.image.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * qcow2 (and the old qcow version 1, which is refused): a big-endian header at offset 0. Per
 * qemu's docs/interop/qcow2.txt: magic {@code QFI\xfb} at 0, version at 4, backing file offset at 8
 * (nonzero means a backing file), cluster bits at 20, virtual size at 24 and, from version 3, the
 * incompatible feature bits at 72.
 *
 * <p>As oslo.utils' format inspector: a backing file or an external data file (incompatible bit 2)
 * is refused, and so is any incompatible bit beyond those oslo knows (dirty, corrupt, external data
 * file, compression type: bits 0 to 3).
 */
record Qcow2Header(long version, long backingFileOffset, long clusterBits, long virtualSize, long incompatibleFeatures) {
    static final byte[] MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
    static final int VERSION_2_HEADER_LENGTH = 72;
    static final int VERSION_3_HEADER_LENGTH = 104;
    static final long EXTERNAL_DATA_FILE_BIT = 1L << 2;
    static final long KNOWN_INCOMPATIBLE_FEATURES = (1L << 4) - 1;
    static final int MINIMUM_CLUSTER_BITS = 9;
    static final int MAXIMUM_CLUSTER_BITS = 21;

    static Optional<FormatMatch> inspect(StreamSnapshot stream) {
        if (!stream.headMatches(0, MAGIC)) {
            return Optional.empty();
        }
        if (!stream.headCovers(0, VERSION_2_HEADER_LENGTH)) {
            return Optional.of(FormatMatch.of(DiskFormat.QCOW2, null, List.of("qcow2 header is truncated")));
        }
        byte[] head = stream.head();
        long version = Bytes.uint32BigEndian(head, 4);
        long features = 0;
        if (version >= 3) {
            if (!stream.headCovers(0, VERSION_3_HEADER_LENGTH)) {
                return Optional.of(FormatMatch.of(DiskFormat.QCOW2, null, List.of("qcow2 header is truncated")));
            }
            features = Bytes.uint64BigEndian(head, 72);
        }
        Qcow2Header header = new Qcow2Header(version, Bytes.uint64BigEndian(head, 8),
                Bytes.uint32BigEndian(head, 20), Bytes.uint64BigEndian(head, 24), features);
        Long virtualSize = header.virtualSize() < 0 ? null : header.virtualSize();
        return Optional.of(FormatMatch.of(DiskFormat.QCOW2, virtualSize, header.problems()));
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (version != 2 && version != 3) {
            problems.add("qcow2 version " + version + " is not supported; only versions 2 and 3 are accepted");
        }
        if (backingFileOffset != 0) {
            problems.add("qcow2 image has a backing file; images with backing files are refused");
        }
        if (version == 2 || version == 3) {
            if (clusterBits < MINIMUM_CLUSTER_BITS || clusterBits > MAXIMUM_CLUSTER_BITS) {
                problems.add("qcow2 header has an invalid cluster size (cluster_bits " + clusterBits + ")");
            }
        }
        if (virtualSize < 0) {
            problems.add("qcow2 virtual size is out of range");
        }
        if (version == 3) {
            if ((incompatibleFeatures & EXTERNAL_DATA_FILE_BIT) != 0) {
                problems.add("qcow2 image uses an external data file; images with external data files are refused");
            }
            long unknown = incompatibleFeatures & ~KNOWN_INCOMPATIBLE_FEATURES;
            if (unknown != 0) {
                problems.add("qcow2 image sets unknown incompatible feature bits (0x" + Long.toHexString(unknown)
                        + "); such images are refused");
            }
        }
        return problems;
    }
}
