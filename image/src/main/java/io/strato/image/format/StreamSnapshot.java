package io.strato.image.format;

import java.util.Arrays;

/**
 * What the inspector kept of a finished stream: the head (the first bytes, up to
 * {@link HeadBuffer#LIMIT}), the tail (the last bytes, up to {@link TailBuffer#CAPACITY}) and the
 * total size.
 */
final class StreamSnapshot {
    private final byte[] head;
    private final byte[] tail;
    private final long size;

    StreamSnapshot(byte[] head, byte[] tail, long size) {
        this.head = head;
        this.tail = tail;
        this.size = size;
    }

    long size() {
        return size;
    }

    /** The head bytes; callers must not modify them. */
    byte[] head() {
        return head;
    }

    int headLength() {
        return head.length;
    }

    boolean headCovers(int offset, int length) {
        return offset >= 0 && length >= 0 && offset + length <= head.length;
    }

    boolean headMatches(int offset, byte[] expected) {
        return Bytes.matches(head, offset, expected);
    }

    /** A copy of head bytes from {@code offset}, cut short where the head ends. */
    byte[] headRange(int offset, int length) {
        int end = Math.min(head.length, offset + length);
        return offset >= end ? new byte[0] : Arrays.copyOfRange(head, offset, end);
    }

    /** The last {@code length} bytes of the stream, or {@code null} when the stream is shorter. */
    byte[] lastBytes(int length) {
        if (length > tail.length) {
            return null;
        }
        return Arrays.copyOfRange(tail, tail.length - length, tail.length);
    }
}
