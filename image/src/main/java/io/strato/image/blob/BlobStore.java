package io.strato.image.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where image bytes live. A write is all-or-nothing: readers never see a partial blob, and a
 * failed or interrupted write leaves nothing behind. Implementations pass {@code BlobStoreContract}.
 */
public interface BlobStore {
    /** Receives each chunk as it is written (for checksums and format inspection). */
    @FunctionalInterface
    interface ChunkListener {
        void chunk(byte[] buffer, int offset, int length);
    }

    /** A finished write. */
    record StoredBlob(String location, long size) {
    }

    /** The store's id as {@code /v2/info/stores} shows it, e.g. {@code file}. */
    String id();

    /**
     * Copies the stream into a new blob for the key. Throws {@link BlobTooLargeException} (and
     * stores nothing) once more than {@code maxBytes} arrive.
     */
    StoredBlob write(String key, InputStream data, long maxBytes, ChunkListener listener) throws IOException;

    /** Reads {@code length} bytes from {@code offset}; a negative length reads to the end. */
    InputStream read(String location, long offset, long length) throws IOException;

    void delete(String location) throws IOException;

    boolean exists(String location);
}
