package io.strato.image.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VHD (qemu's "vpc"): a 512-byte big-endian footer with the cookie {@code conectix}. Dynamic and
 * differencing disks keep a copy of it at offset 0; fixed disks only have it as the last 512 bytes
 * of the file, where it is believed only when its checksum is right. A fixed disk's data is a raw
 * disk, so the partition table usually found at its start is part of it.
 *
 * <p>The virtual size follows qemu's block/vpc.c: the CHS geometry for images written by Virtual PC
 * and older qemu, the footer's current size for Hyper-V, Disk2vhd, XenServer, XenConverter and
 * {@code qem2} images, or when the geometry is the maximum one.
 */
final class VhdFooter {
    static final byte[] COOKIE = Bytes.ascii("conectix");
    static final int FOOTER_SIZE = 512;
    static final int CREATOR_APPLICATION_OFFSET = 28;
    static final int CURRENT_SIZE_OFFSET = 48;
    static final int GEOMETRY_OFFSET = 56;
    static final int DISK_TYPE_OFFSET = 60;
    static final int CHECKSUM_OFFSET = 64;
    static final long DIFFERENCING_DISK = 4;
    static final long MAXIMUM_GEOMETRY_SECTORS = 65535L * 16 * 255;
    private static final List<String> CURRENT_SIZE_CREATORS = List.of("win ", "qem2", "d2v ", "CTXS", "tap\0");

    private VhdFooter() {
    }

    static Optional<FormatMatch> inspect(StreamSnapshot stream) {
        byte[] footer;
        boolean fixed = false;
        if (stream.headMatches(0, COOKIE)) {
            if (!stream.headCovers(0, FOOTER_SIZE)) {
                return Optional.of(FormatMatch.of(DiskFormat.VHD, null, List.of("vhd footer is truncated")));
            }
            footer = stream.headRange(0, FOOTER_SIZE);
        } else {
            footer = stream.lastBytes(FOOTER_SIZE);
            if (footer == null || !Bytes.matches(footer, 0, COOKIE) || !checksumValid(footer)) {
                return Optional.empty();
            }
            fixed = true;
        }
        List<String> problems = new ArrayList<>();
        if (Bytes.uint32BigEndian(footer, DISK_TYPE_OFFSET) == DIFFERENCING_DISK) {
            problems.add("vhd image is a differencing disk that refers to a parent image; such images are refused");
        }
        Long virtualSize = virtualSize(footer);
        return Optional.of(fixed
                ? FormatMatch.hostingPartitionTable(DiskFormat.VHD, virtualSize, problems)
                : FormatMatch.of(DiskFormat.VHD, virtualSize, problems));
    }

    static Long virtualSize(byte[] footer) {
        long cylinders = Bytes.uint16BigEndian(footer, GEOMETRY_OFFSET);
        long heads = Bytes.unsignedByte(footer, GEOMETRY_OFFSET + 2);
        long sectorsPerTrack = Bytes.unsignedByte(footer, GEOMETRY_OFFSET + 3);
        long sectors = cylinders * heads * sectorsPerTrack;
        String creator = new String(footer, CREATOR_APPLICATION_OFFSET, 4, StandardCharsets.ISO_8859_1);
        if (CURRENT_SIZE_CREATORS.contains(creator) || sectors == MAXIMUM_GEOMETRY_SECTORS) {
            long currentSize = Bytes.uint64BigEndian(footer, CURRENT_SIZE_OFFSET);
            if (currentSize < 0) {
                return null;
            }
            sectors = currentSize / 512;
        }
        return sectors * 512;
    }

    /** The footer checksum: the one's complement of the sum of all footer bytes but the checksum's own. */
    static boolean checksumValid(byte[] footer) {
        return Bytes.uint32BigEndian(footer, CHECKSUM_OFFSET) == checksum(footer);
    }

    static long checksum(byte[] footer) {
        long sum = 0;
        for (int index = 0; index < FOOTER_SIZE; index++) {
            if (index < CHECKSUM_OFFSET || index >= CHECKSUM_OFFSET + 4) {
                sum += Bytes.unsignedByte(footer, index);
            }
        }
        return ~sum & 0xffffffffL;
    }
}
