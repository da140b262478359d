package io.strato.image.format;

/**
 * Collects the bytes of one region of the stream, {@code [offset, offset + length)}, as they go by.
 * Bytes are taken in order only: a region whose start has already gone by, unseen, never completes.
 */
final class RegionCapture {
    private final long offset;
    private final byte[] data;
    private int filled;

    RegionCapture(long offset, int length) {
        this.offset = offset;
        this.data = new byte[length];
    }

    /** Offers {@code count} bytes of {@code source} that sit at {@code position} in the stream. */
    void offer(byte[] source, int sourceOffset, int count, long position) {
        long wanted = offset + filled;
        if (complete() || wanted < position || wanted >= position + count) {
            return;
        }
        int skip = (int) (wanted - position);
        int taken = Math.min(data.length - filled, count - skip);
        System.arraycopy(source, sourceOffset + skip, data, filled, taken);
        filled += taken;
    }

    boolean complete() {
        return filled == data.length;
    }

    long offset() {
        return offset;
    }

    /** The captured bytes; meaningful once {@link #complete()}. Callers must not modify them. */
    byte[] data() {
        return data;
    }

    int retainedBytes() {
        return data.length;
    }
}
