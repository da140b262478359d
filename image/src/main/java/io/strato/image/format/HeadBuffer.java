package io.strato.image.format;

import java.util.Arrays;

/**
 * The first bytes of the stream, up to {@link #LIMIT}: enough for every header the inspector reads
 * at a fixed place (a VMDK descriptor may reach just under 1 MiB past its 512-byte sparse header, as
 * qemu allows). Grows as bytes arrive, so small uploads keep small buffers.
 */
final class HeadBuffer {
    static final int LIMIT = VmdkHeader.DESCRIPTOR_OFFSET + VmdkHeader.DESCRIPTOR_MAX_SIZE + 1;
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private byte[] data = new byte[0];
    private int length;

    void append(byte[] bytes, int offset, int count) {
        int taken = Math.min(count, LIMIT - length);
        if (taken <= 0) {
            return;
        }
        if (length + taken > data.length) {
            int capacity = Math.max(INITIAL_CAPACITY, data.length * 2);
            capacity = Math.min(LIMIT, Math.max(capacity, length + taken));
            data = Arrays.copyOf(data, capacity);
        }
        System.arraycopy(bytes, offset, data, length, taken);
        length += taken;
    }

    int length() {
        return length;
    }

    /** The live array, valid up to {@link #length()}; callers must not modify it. */
    byte[] array() {
        return data;
    }

    byte[] toArray() {
        return Arrays.copyOf(data, length);
    }

    int retainedBytes() {
        return data.length;
    }
}
