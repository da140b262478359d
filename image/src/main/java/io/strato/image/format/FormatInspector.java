package io.strato.image.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Streaming disk-format inspector, after oslo.utils' {@code imageutils.format_inspector} as Glance
 * uses it on upload: feed every byte of the upload to {@link #update} as it arrives, then call
 * {@link #finish} once. Only a bounded head buffer (the first {@link HeadBuffer#LIMIT} bytes, just
 * over 1 MiB), a rolling tail buffer (the last {@link TailBuffer#CAPACITY} bytes) and, for VHDX, at
 * most 64 KiB + 8 bytes of metadata are kept, whatever the size of the upload.
 *
 * <p>Every format is tried against the content. Nothing matching means {@link DiskFormat#RAW}; a
 * partition table alone is still raw. Content matching more than one format is a safety problem
 * (one format may be hiding inside another), except a partition table in an ISO's system area, which
 * bootable "hybrid" ISOs legitimately have (an ISO, as in Glance), or at the start of a fixed VHD's
 * data (a VHD).
 *
 * <p>Not thread-safe: one inspector per upload.
 */
public final class FormatInspector {
    private static final int READ_CHUNK_SIZE = 64 * 1024;
    private static final List<Function<StreamSnapshot, Optional<FormatMatch>>> PLAIN_FORMATS = List.of(
            Qcow2Header::inspect, QedHeader::inspect, VmdkHeader::inspect, VdiHeader::inspect,
            VhdFooter::inspect, LuksHeader::inspect, IsoVolume::inspect, PartitionTable::inspect);

    private final HeadBuffer head = new HeadBuffer();
    private final TailBuffer tail = new TailBuffer();
    private final VhdxLocator vhdxLocator = new VhdxLocator();
    private long size;
    private Inspection result;

    public FormatInspector() {
    }

    /** Reads {@code input} to its end (without closing it) and inspects what it held. */
    public static Inspection inspect(InputStream input) throws IOException {
        FormatInspector inspector = new FormatInspector();
        byte[] buffer = new byte[READ_CHUNK_SIZE];
        for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
            inspector.update(buffer, 0, read);
        }
        return inspector.finish();
    }

    /**
     * Presents the next {@code length} bytes of the upload.
     *
     * @throws IllegalStateException after {@link #finish}
     */
    public void update(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (result != null) {
            throw new IllegalStateException("the inspection is already finished");
        }
        if (length == 0) {
            return;
        }
        long position = size;
        size = Math.addExact(size, length);
        head.append(bytes, offset, length);
        tail.append(bytes, offset, length);
        vhdxLocator.advance(head, bytes, offset, length, position);
    }

    /** Ends the stream and returns what it held; later calls return the same inspection. */
    public Inspection finish() {
        if (result == null) {
            result = decide(new StreamSnapshot(head.toArray(), tail.toArray(), size));
        }
        return result;
    }

    private Inspection decide(StreamSnapshot stream) {
        List<FormatMatch> matches = new ArrayList<>();
        for (Function<StreamSnapshot, Optional<FormatMatch>> format : PLAIN_FORMATS) {
            format.apply(stream).ifPresent(matches::add);
        }
        VhdxHeader.inspect(stream, vhdxLocator).ifPresent(matches::add);
        if (matches.isEmpty()) {
            return new Inspection(DiskFormat.RAW, size, size, List.of());
        }
        List<FormatMatch> formats = matches.stream().filter(match -> match.format() != DiskFormat.RAW).toList();
        if (formats.size() == 1 && (matches.size() == 1 || formats.get(0).hostsPartitionTable())) {
            matches = formats;
        }
        if (matches.size() == 1) {
            FormatMatch match = matches.get(0);
            return new Inspection(match.format(), size, match.virtualSize(), match.safetyProblems());
        }
        String names = matches.stream().map(FormatMatch::name).sorted().collect(Collectors.joining(", "));
        return new Inspection(formats.get(0).format(), size, null,
                List.of("Image content matches more than one disk format (" + names + "); such images are refused"));
    }

    /** Bytes held by the head buffer (for tests of bounded memory). */
    int retainedHeadBytes() {
        return head.retainedBytes();
    }

    /** Bytes held by the tail buffer (for tests of bounded memory). */
    int retainedTailBytes() {
        return tail.retainedBytes();
    }

    /** Bytes held by captures of regions beyond the head (for tests of bounded memory). */
    int retainedCaptureBytes() {
        return vhdxLocator.retainedBytes();
    }
}
