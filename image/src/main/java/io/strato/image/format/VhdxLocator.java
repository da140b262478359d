package io.strato.image.format;

import java.util.HexFormat;

/**
 * Follows a VHDX file's structures while it streams by, to find its virtual disk size: the region
 * table (at 192 KiB, inside the head buffer) gives the metadata region's offset; the metadata table
 * there (at most 64 KiB) gives the offset of the "virtual disk size" item; that item is 8 bytes. Each
 * piece beyond the head buffer is captured as it goes by, so at most 64 KiB + 8 bytes are kept.
 * Layout from the MS-VHDX specification.
 */
final class VhdxLocator {
    static final byte[] SIGNATURE = Bytes.ascii("vhdxfile");
    static final int REGION_TABLE_OFFSET = 192 * 1024;
    static final int REGION_TABLE_SIZE = 64 * 1024;
    static final int METADATA_TABLE_SIZE = 64 * 1024;
    static final int MAXIMUM_ENTRIES = 2047;
    static final long REGION_TABLE_SIGNATURE = 0x69676572L; // "regi", little-endian
    static final byte[] METADATA_SIGNATURE = Bytes.ascii("metadata");
    static final byte[] METADATA_REGION_GUID = guid("8B7CA206-4790-4B9A-B8FE-575F050F886E");
    static final byte[] VIRTUAL_DISK_SIZE_GUID = guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8");

    private enum State { WAITING_FOR_HEADER, FOLLOWING, DONE }

    private State state = State.WAITING_FOR_HEADER;
    private RegionCapture metadataTable;
    private RegionCapture virtualDiskSize;
    private String problem;

    /**
     * Called after each chunk was added to the head buffer; {@code chunk[offset, offset + length)} sits
     * at {@code position} in the stream.
     */
    void advance(HeadBuffer head, byte[] chunk, int offset, int length, long position) {
        if (state == State.WAITING_FOR_HEADER) {
            if (head.length() < SIGNATURE.length) {
                return;
            }
            if (!Bytes.matches(head.array(), 0, SIGNATURE)) {
                state = State.DONE;
                return;
            }
            if (head.length() < REGION_TABLE_OFFSET + REGION_TABLE_SIZE) {
                return;
            }
            state = State.FOLLOWING;
            long metadataOffset = metadataRegionOffset(head.array());
            if (metadataOffset < 0) {
                state = State.DONE;
                return;
            }
            metadataTable = new RegionCapture(metadataOffset, METADATA_TABLE_SIZE);
            metadataTable.offer(head.array(), 0, head.length(), 0);
        }
        if (state != State.FOLLOWING) {
            return;
        }
        if (virtualDiskSize == null) {
            metadataTable.offer(chunk, offset, length, position);
            if (!metadataTable.complete()) {
                return;
            }
            long itemOffset = virtualDiskSizeItemOffset(metadataTable.data());
            if (itemOffset < 0) {
                state = State.DONE;
                return;
            }
            virtualDiskSize = new RegionCapture(metadataTable.offset() + itemOffset, Long.BYTES);
            virtualDiskSize.offer(head.array(), 0, head.length(), 0);
            virtualDiskSize.offer(metadataTable.data(), 0, METADATA_TABLE_SIZE, metadataTable.offset());
        }
        virtualDiskSize.offer(chunk, offset, length, position);
        if (virtualDiskSize.complete()) {
            state = State.DONE;
        }
    }

    /** The virtual disk size, or {@code null} when it was not found. */
    Long virtualSize() {
        if (virtualDiskSize == null || !virtualDiskSize.complete()) {
            return null;
        }
        long size = Bytes.uint64LittleEndian(virtualDiskSize.data(), 0);
        return size < 0 ? null : size;
    }

    /** A structural problem found on the way, or {@code null}. */
    String problem() {
        return problem;
    }

    int retainedBytes() {
        int retained = 0;
        if (metadataTable != null) {
            retained += metadataTable.retainedBytes();
        }
        if (virtualDiskSize != null) {
            retained += virtualDiskSize.retainedBytes();
        }
        return retained;
    }

    private long metadataRegionOffset(byte[] head) {
        int table = REGION_TABLE_OFFSET;
        if (Bytes.uint32LittleEndian(head, table) != REGION_TABLE_SIGNATURE) {
            problem = "vhdx region table is missing or corrupt";
            return -1;
        }
        long entries = Bytes.uint32LittleEndian(head, table + 8);
        if (entries > MAXIMUM_ENTRIES) {
            problem = "vhdx region table has too many entries (" + entries + ")";
            return -1;
        }
        for (int index = 0; index < entries; index++) {
            int entry = table + 16 + index * 32;
            if (Bytes.matches(head, entry, METADATA_REGION_GUID)) {
                long metadataOffset = Bytes.uint64LittleEndian(head, entry + 16);
                if (metadataOffset < REGION_TABLE_OFFSET + REGION_TABLE_SIZE) {
                    problem = "vhdx metadata region offset is invalid";
                    return -1;
                }
                return metadataOffset;
            }
        }
        problem = "vhdx image has no metadata region";
        return -1;
    }

    private long virtualDiskSizeItemOffset(byte[] table) {
        if (!Bytes.matches(table, 0, METADATA_SIGNATURE)) {
            problem = "vhdx metadata table is missing or corrupt";
            return -1;
        }
        int entries = Bytes.uint16LittleEndian(table, 10);
        if (entries > MAXIMUM_ENTRIES) {
            problem = "vhdx metadata table has too many entries (" + entries + ")";
            return -1;
        }
        for (int index = 0; index < entries; index++) {
            int entry = 32 + index * 32;
            if (Bytes.matches(table, entry, VIRTUAL_DISK_SIZE_GUID)) {
                long itemOffset = Bytes.uint32LittleEndian(table, entry + 16);
                long itemLength = Bytes.uint32LittleEndian(table, entry + 20);
                if (itemOffset < METADATA_TABLE_SIZE || itemLength < Long.BYTES) {
                    problem = "vhdx virtual disk size item is invalid";
                    return -1;
                }
                return itemOffset;
            }
        }
        problem = "vhdx metadata has no virtual disk size";
        return -1;
    }

    /** A GUID as stored on disk: the first three groups little-endian, the rest as written. */
    static byte[] guid(String text) {
        byte[] written = HexFormat.of().parseHex(text.replace("-", ""));
        byte[] stored = written.clone();
        for (int index = 0; index < 4; index++) {
            stored[index] = written[3 - index];
        }
        stored[4] = written[5];
        stored[5] = written[4];
        stored[6] = written[7];
        stored[7] = written[6];
        return stored;
    }
}
