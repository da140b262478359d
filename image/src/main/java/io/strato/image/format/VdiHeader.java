package io.strato.image.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VirtualBox VDI: a little-endian header with the signature {@code 0xbeda107f} at 0x40, the image
 * type at 0x4c and the disk size in bytes at 0x170 (qemu's block/vdi.c). Only the dynamic (1) and
 * static (2) types are accepted: undo (3) and differencing (4) images depend on a parent image.
 */
final class VdiHeader {
    static final int SIGNATURE_OFFSET = 0x40;
    static final long SIGNATURE = 0xbeda107fL;
    static final int IMAGE_TYPE_OFFSET = 0x4c;
    static final int DISK_SIZE_OFFSET = 0x170;
    static final long TYPE_DYNAMIC = 1;
    static final long TYPE_STATIC = 2;

    private VdiHeader() {
    }

    static Optional<FormatMatch> inspect(StreamSnapshot stream) {
        if (!stream.headCovers(SIGNATURE_OFFSET, Integer.BYTES)
                || Bytes.uint32LittleEndian(stream.head(), SIGNATURE_OFFSET) != SIGNATURE) {
            return Optional.empty();
        }
        if (!stream.headCovers(DISK_SIZE_OFFSET, Long.BYTES)) {
            return Optional.of(FormatMatch.of(DiskFormat.VDI, null, List.of("vdi header is truncated")));
        }
        List<String> problems = new ArrayList<>();
        long type = Bytes.uint32LittleEndian(stream.head(), IMAGE_TYPE_OFFSET);
        if (type != TYPE_DYNAMIC && type != TYPE_STATIC) {
            problems.add("vdi image type " + type + " is not supported; only dynamic and static images are accepted");
        }
        long size = Bytes.uint64LittleEndian(stream.head(), DISK_SIZE_OFFSET);
        if (size < 0) {
            problems.add("vdi virtual size is out of range");
        }
        return Optional.of(FormatMatch.of(DiskFormat.VDI, size < 0 ? null : size, problems));
    }
}
