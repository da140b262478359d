package io.strato.image.format;

/** The last {@link #CAPACITY} bytes of the stream, kept in a ring. */
final class TailBuffer {
    static final int CAPACITY = 64 * 1024;

    private final byte[] ring = new byte[CAPACITY];
    private int next;
    private int filled;

    void append(byte[] bytes, int offset, int count) {
        if (count >= CAPACITY) {
            System.arraycopy(bytes, offset + count - CAPACITY, ring, 0, CAPACITY);
            next = 0;
            filled = CAPACITY;
            return;
        }
        int first = Math.min(count, CAPACITY - next);
        System.arraycopy(bytes, offset, ring, next, first);
        System.arraycopy(bytes, offset + first, ring, 0, count - first);
        next = (next + count) % CAPACITY;
        filled = Math.min(CAPACITY, filled + count);
    }

    /** The kept bytes, oldest first. */
    byte[] toArray() {
        byte[] result = new byte[filled];
        int start = (next - filled + CAPACITY) % CAPACITY;
        int first = Math.min(filled, CAPACITY - start);
        System.arraycopy(ring, start, result, 0, first);
        System.arraycopy(ring, 0, result, first, filled - first);
        return result;
    }

    int retainedBytes() {
        return ring.length;
    }
}
