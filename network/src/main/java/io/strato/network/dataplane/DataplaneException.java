package io.strato.network.dataplane;

import java.util.Objects;

/** A dataplane operation failed; the message says what and why, with the tool's own words where there are any. */
public class DataplaneException extends RuntimeException {
    /** Why, so callers can map it. */
    public enum Reason {
        /** The bridge, device or namespace the operation needs does not exist. */
        NOT_FOUND,
        /** A name is taken by an object of another kind (e.g. a tap named like an existing bridge). */
        CONFLICT,
        /** An argument is malformed (a bad name, MAC, MTU or CIDR). */
        INVALID_ARGUMENT,
        /** The host cannot do it (see {@link UnsupportedSegmentationException}). */
        UNSUPPORTED,
        /** A host tool failed or timed out. */
        COMMAND_FAILED
    }

    private final Reason reason;

    public DataplaneException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public DataplaneException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }

    public static DataplaneException notFound(String what) {
        return new DataplaneException(Reason.NOT_FOUND, what + " does not exist on this host");
    }

    public static DataplaneException invalid(String message) {
        return new DataplaneException(Reason.INVALID_ARGUMENT, message);
    }
}
