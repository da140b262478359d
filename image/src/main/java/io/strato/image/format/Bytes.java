package io.strato.image.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Fixed-width integer reads from byte arrays, in either byte order. */
final class Bytes {

    private Bytes() {
    }

    static int unsignedByte(byte[] data, int offset) {
        return data[offset] & 0xff;
    }

    static int uint16BigEndian(byte[] data, int offset) {
        return (unsignedByte(data, offset) << 8) | unsignedByte(data, offset + 1);
    }

    static int uint16LittleEndian(byte[] data, int offset) {
        return unsignedByte(data, offset) | (unsignedByte(data, offset + 1) << 8);
    }

    static long uint32BigEndian(byte[] data, int offset) {
        return ((long) uint16BigEndian(data, offset) << 16) | uint16BigEndian(data, offset + 2);
    }

    static long uint32LittleEndian(byte[] data, int offset) {
        return uint16LittleEndian(data, offset) | ((long) uint16LittleEndian(data, offset + 2) << 16);
    }

    /** The 64 bits as a Java long: values of 2^63 and above come out negative. */
    static long uint64BigEndian(byte[] data, int offset) {
        return (uint32BigEndian(data, offset) << 32) | uint32BigEndian(data, offset + 4);
    }

    /** The 64 bits as a Java long: values of 2^63 and above come out negative. */
    static long uint64LittleEndian(byte[] data, int offset) {
        return uint32LittleEndian(data, offset) | (uint32LittleEndian(data, offset + 4) << 32);
    }

    static boolean matches(byte[] data, int offset, byte[] expected) {
        if (offset < 0 || offset + expected.length > data.length) {
            return false;
        }
        return Arrays.equals(data, offset, offset + expected.length, expected, 0, expected.length);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean allZero(byte[] data, int from, int to) {
        for (int index = from; index < to; index++) {
            if (data[index] != 0) {
                return false;
            }
        }
        return true;
    }
}
