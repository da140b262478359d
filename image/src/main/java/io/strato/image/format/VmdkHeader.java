package io.strato.image.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * VMDK, either a hosted sparse extent (little-endian header with magic {@code KDMV}: version at 4,
 * capacity in sectors at 12, descriptor offset and size in sectors at 28 and 36, grain directory
 * offset at 56) whose text descriptor must sit at 512 bytes, or a bare text descriptor file.
 *
 * <p>As oslo.utils: the descriptor must be one oslo understands, of an allowed createType, with
 * extents that name no paths; a stream-optimized image whose grain directory is in a footer must end
 * with a footer that agrees with the header. Beyond oslo: a bare descriptor (whose extents are
 * necessarily other files), a sparse header with zero capacity (qemu then follows its descriptor as a
 * descriptor file), extents that are not the image's own sparse extent, and the old {@code COWD}
 * sparse format are refused.
 */
final class VmdkHeader {
    static final byte[] SPARSE_MAGIC = Bytes.ascii("KDMV");
    static final byte[] VERSION_3_MAGIC = Bytes.ascii("COWD");
    static final int SPARSE_HEADER_LENGTH = 64;
    static final int SECTOR_SIZE = 512;
    static final int DESCRIPTOR_OFFSET = 0x200;
    static final int DESCRIPTOR_MAX_SIZE = (1 << 20) - 1;
    static final long GRAIN_DIRECTORY_AT_END = -1L;
    static final int FOOTER_REGION_SIZE = 3 * SECTOR_SIZE;
    static final int MARKER_END_OF_STREAM = 0;
    static final int MARKER_FOOTER = 3;
    static final int TEXT_PROBE_LENGTH = 512;

    private VmdkHeader() {
    }

    static Optional<FormatMatch> inspect(StreamSnapshot stream) {
        if (stream.headMatches(0, SPARSE_MAGIC)) {
            return Optional.of(inspectSparse(stream));
        }
        if (stream.headMatches(0, VERSION_3_MAGIC)) {
            return Optional.of(FormatMatch.of(DiskFormat.VMDK, null,
                    List.of("VMware 3 (COWD) sparse images are not supported")));
        }
        return inspectText(stream);
    }

    private static FormatMatch inspectSparse(StreamSnapshot stream) {
        if (!stream.headCovers(0, SPARSE_HEADER_LENGTH)) {
            return FormatMatch.of(DiskFormat.VMDK, null, List.of("vmdk header is truncated"));
        }
        byte[] head = stream.head();
        long version = Bytes.uint32LittleEndian(head, 4);
        long capacity = Bytes.uint64LittleEndian(head, 12);
        long descriptorSector = Bytes.uint64LittleEndian(head, 28);
        long descriptorSectors = Bytes.uint64LittleEndian(head, 36);
        long grainDirectory = Bytes.uint64LittleEndian(head, 56);
        List<String> problems = new ArrayList<>();
        if (version < 1 || version > 3) {
            problems.add("vmdk version " + version + " is not supported");
        }
        Long virtualSize = null;
        if (capacity == 0) {
            problems.add("vmdk sparse header has zero capacity, so its descriptor would be followed to other files; refused");
        } else if (capacity < 0 || capacity > Long.MAX_VALUE / SECTOR_SIZE) {
            problems.add("vmdk capacity is out of range");
        } else {
            virtualSize = capacity * SECTOR_SIZE;
        }
        if (descriptorSector != DESCRIPTOR_OFFSET / SECTOR_SIZE) {
            problems.add("vmdk descriptor is not at the expected location");
        } else {
            long wanted = descriptorSectors < 0 || descriptorSectors > DESCRIPTOR_MAX_SIZE / SECTOR_SIZE + 1
                    ? DESCRIPTOR_MAX_SIZE : Math.min(descriptorSectors * SECTOR_SIZE, DESCRIPTOR_MAX_SIZE);
            String text = descriptorText(stream.headRange(DESCRIPTOR_OFFSET, (int) wanted));
            if (text == null) {
                problems.add("vmdk descriptor is not ASCII text");
            } else if (text.isBlank()) {
                problems.add("vmdk image has no descriptor");
            } else {
                problems.addAll(VmdkDescriptor.parse(text).problems());
            }
        }
        if (grainDirectory == GRAIN_DIRECTORY_AT_END) {
            problems.addAll(footerProblems(head, stream.lastBytes(FOOTER_REGION_SIZE), stream.size()));
        }
        return FormatMatch.of(DiskFormat.VMDK, virtualSize, problems);
    }

    private static Optional<FormatMatch> inspectText(StreamSnapshot stream) {
        byte[] probe = stream.headRange(0, TEXT_PROBE_LENGTH);
        if (probe.length == 0 || !isText(probe)) {
            return Optional.empty();
        }
        byte[] candidate = stream.headRange(0, DESCRIPTOR_MAX_SIZE);
        String latin = new String(candidate, 0, textLength(candidate), StandardCharsets.ISO_8859_1);
        if (VmdkDescriptor.createType(latin.toLowerCase(Locale.ROOT)) == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        String text = descriptorText(candidate);
        if (text == null) {
            problems.add("vmdk descriptor is not ASCII text");
        } else {
            problems.addAll(VmdkDescriptor.parse(text).problems());
        }
        problems.add("vmdk descriptor file has no sparse extent of its own and refers to separate extent files; refused");
        return Optional.of(FormatMatch.of(DiskFormat.VMDK, null, problems));
    }

    /** Descriptor bytes up to the first NUL as text, or {@code null} when they are not ASCII. */
    private static String descriptorText(byte[] bytes) {
        int length = textLength(bytes);
        for (int index = 0; index < length; index++) {
            if (bytes[index] < 0) {
                return null;
            }
        }
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    private static int textLength(byte[] bytes) {
        for (int index = 0; index < bytes.length; index++) {
            if (bytes[index] == 0) {
                return index;
            }
        }
        return bytes.length;
    }

    private static boolean isText(byte[] bytes) {
        for (byte value : bytes) {
            boolean printable = value >= 0x20 && value < 0x7f;
            boolean space = value == '\t' || value == '\n' || value == '\r' || value == 0x0b || value == 0x0c;
            if (!printable && !space) {
                return false;
            }
        }
        return true;
    }

    /**
     * A stream-optimized image with its grain directory at the end must finish with a footer marker,
     * a footer (a copy of the header with the real grain directory offset) and an end-of-stream marker.
     */
    private static List<String> footerProblems(byte[] head, byte[] region, long size) {
        if (region == null || size < SECTOR_SIZE + FOOTER_REGION_SIZE) {
            return List.of("vmdk footer is missing");
        }
        List<String> problems = new ArrayList<>();
        int footer = SECTOR_SIZE;
        boolean same = Bytes.matches(region, footer, SPARSE_MAGIC)
                && Bytes.uint32LittleEndian(region, footer + 4) == Bytes.uint32LittleEndian(head, 4)
                && Bytes.uint64LittleEndian(region, footer + 28) == Bytes.uint64LittleEndian(head, 28)
                && Bytes.uint64LittleEndian(region, footer + 36) == Bytes.uint64LittleEndian(head, 36);
        if (!same) {
            problems.add("vmdk footer does not match its header");
        }
        if (Bytes.uint64LittleEndian(region, footer + 56) == GRAIN_DIRECTORY_AT_END) {
            problems.add("vmdk footer indicates another footer");
        }
        if (!validMarker(region, 0, MARKER_FOOTER, false) || !validMarker(region, 2 * SECTOR_SIZE, MARKER_END_OF_STREAM, true)) {
            problems.add("vmdk footer markers are invalid");
        }
        return problems;
    }

    private static boolean validMarker(byte[] region, int offset, int type, boolean zeroValue) {
        return (!zeroValue || Bytes.uint64LittleEndian(region, offset) == 0)
                && Bytes.uint32LittleEndian(region, offset + 8) == 0
                && Bytes.uint32LittleEndian(region, offset + 12) == type
                && Bytes.allZero(region, offset + 16, offset + SECTOR_SIZE);
    }
}
