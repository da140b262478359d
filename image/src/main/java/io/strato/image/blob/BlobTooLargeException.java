package io.strato.image.blob;

import java.io.IOException;

/** A write went past its byte limit; nothing was stored. */
public final class BlobTooLargeException extends IOException {
    private final long limit;

    public BlobTooLargeException(long limit) {
        super("more than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
