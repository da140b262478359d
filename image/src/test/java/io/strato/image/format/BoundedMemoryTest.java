package io.strato.image.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Multi-gigabyte uploads stream through the inspector while it keeps only its bounded buffers: the
 * streams here are synthetic (generated chunk by chunk, never held whole), and the assertions are on
 * the inspector's retained buffer sizes.
 */
class BoundedMemoryTest {
    private static final long GIBIBYTE = 1024L * 1024 * 1024;
    private static final int CHUNK_SIZE = 1024 * 1024 + 13;
    private static final int MAXIMUM_RETAINED = HeadBuffer.LIMIT + TailBuffer.CAPACITY + VhdxLocator.METADATA_TABLE_SIZE + Long.BYTES;

    /** A stream of {@code size} bytes of a repeating pattern, with {@code pieces} laid over it. */
    private static FormatInspector stream(long size, Map<Long, byte[]> pieces) {
        FormatInspector inspector = new FormatInspector();
        byte[] pattern = new byte[CHUNK_SIZE];
        for (int index = 0; index < pattern.length; index++) {
            pattern[index] = (byte) (index * 31 + 7);
        }
        byte[] chunk = new byte[CHUNK_SIZE];
        for (long position = 0; position < size; position += CHUNK_SIZE) {
            int length = (int) Math.min(CHUNK_SIZE, size - position);
            System.arraycopy(pattern, 0, chunk, 0, length);
            for (Map.Entry<Long, byte[]> piece : pieces.entrySet()) {
                long start = Math.max(position, piece.getKey());
                long end = Math.min(position + length, piece.getKey() + piece.getValue().length);
                if (start < end) {
                    System.arraycopy(piece.getValue(), (int) (start - piece.getKey()), chunk, (int) (start - position), (int) (end - start));
                }
            }
            inspector.update(chunk, 0, length);
            assertBounded(inspector);
        }
        return inspector;
    }

    private static void assertBounded(FormatInspector inspector) {
        assertTrue(inspector.retainedHeadBytes() <= HeadBuffer.LIMIT, "head " + inspector.retainedHeadBytes());
        assertTrue(inspector.retainedTailBytes() <= TailBuffer.CAPACITY, "tail " + inspector.retainedTailBytes());
        assertTrue(inspector.retainedCaptureBytes() <= VhdxLocator.METADATA_TABLE_SIZE + Long.BYTES,
                "captures " + inspector.retainedCaptureBytes());
    }

    @Test
    void aThreeGibibyteRawStreamKeepsOnlyItsBoundedBuffers() {
        FormatInspector inspector = stream(3 * GIBIBYTE, Map.of());
        Inspection inspection = inspector.finish();
        assertEquals(new Inspection(DiskFormat.RAW, 3 * GIBIBYTE, 3 * GIBIBYTE, List.of()), inspection);
        assertEquals(HeadBuffer.LIMIT, inspector.retainedHeadBytes());
        assertEquals(TailBuffer.CAPACITY, inspector.retainedTailBytes());
        assertEquals(0, inspector.retainedCaptureBytes());
        assertTrue(HeadBuffer.LIMIT <= 1024 * 1024 + 512, "the head buffer is at most 1 MiB plus a sector");
    }

    @Test
    void aThreeGibibyteVhdxWithMetadataAtTwoGibibytesIsSizedWithinTheBounds() {
        long metadata = 2 * GIBIBYTE;
        byte[] regionTable = new byte[64 * 1024];
        ByteBuffer regions = ByteBuffer.wrap(regionTable).order(ByteOrder.LITTLE_ENDIAN);
        regions.putInt(0, 0x69676572);
        regions.putInt(8, 1);
        regions.put(16, VhdxLocator.guid("8B7CA206-4790-4B9A-B8FE-575F050F886E"));
        regions.putLong(32, metadata);
        regions.putInt(40, 1024 * 1024);
        byte[] metadataTable = new byte[64 * 1024 + 16];
        ByteBuffer table = ByteBuffer.wrap(metadataTable).order(ByteOrder.LITTLE_ENDIAN);
        table.put(0, "metadata".getBytes(StandardCharsets.US_ASCII));
        table.putShort(10, (short) 1);
        table.put(32, VhdxLocator.guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8"));
        table.putInt(48, 64 * 1024 + 8);
        table.putInt(52, 8);
        table.putLong(64 * 1024 + 8, 40 * GIBIBYTE);
        Map<Long, byte[]> pieces = new TreeMap<>();
        pieces.put(0L, Arrays.copyOf("vhdxfile".getBytes(StandardCharsets.US_ASCII), 64 * 1024));
        pieces.put(192L * 1024, regionTable);
        pieces.put(metadata, metadataTable);

        FormatInspector inspector = stream(3 * GIBIBYTE, pieces);
        Inspection inspection = inspector.finish();
        assertEquals(new Inspection(DiskFormat.VHDX, 3 * GIBIBYTE, 40 * GIBIBYTE, List.of()), inspection);
        assertTrue(inspector.retainedHeadBytes() + inspector.retainedTailBytes() + inspector.retainedCaptureBytes() <= MAXIMUM_RETAINED);
    }

    @Test
    void smallUploadsKeepSmallHeadBuffers() {
        FormatInspector inspector = new FormatInspector();
        byte[] image = ImageFixtures.qcow2(1024 * 1024);
        inspector.update(image, 0, image.length);
        inspector.finish();
        assertTrue(inspector.retainedHeadBytes() <= 64 * 1024, "head " + inspector.retainedHeadBytes());
    }
}
