package io.strato.image.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} must do; each implementation's test extends this. */
abstract class BlobStoreContract {
    abstract BlobStore store() throws IOException;

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void writtenBytesReadBackWholeAndInRanges() throws IOException {
        BlobStore store = store();
        byte[] data = randomBytes(300_000);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        BlobStore.StoredBlob blob = store.write("a", new ByteArrayInputStream(data), 1 << 20, seen::write);
        assertEquals(data.length, blob.size());
        assertArrayEquals(data, seen.toByteArray(), "the listener sees every byte in order");
        try (InputStream in = store.read(blob.location(), 0, -1)) {
            assertArrayEquals(data, in.readAllBytes());
        }
        try (InputStream in = store.read(blob.location(), 1000, 5000)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 6000), in.readAllBytes());
        }
        assertTrue(store.exists(blob.location()));
    }

    @Test
    void aWritePastTheLimitStoresNothing() throws IOException {
        BlobStore store = store();
        BlobTooLargeException error = assertThrows(BlobTooLargeException.class,
                () -> store.write("big", new ByteArrayInputStream(randomBytes(5000)), 4096, (b, o, l) -> {
                }));
        assertEquals(4096, error.limit());
        BlobStore.StoredBlob small = store.write("big", new ByteArrayInputStream(randomBytes(10)), 4096, (b, o, l) -> {
        });
        assertEquals(10, small.size(), "the key is free again after the refused write");
    }

    @Test
    void anInterruptedWriteLeavesNothingBehind() throws IOException {
        BlobStore store = store();
        InputStream failing = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                if (left-- == 0) {
                    throw new IOException("client went away");
                }
                return 7;
            }
        };
        assertThrows(IOException.class, () -> store.write("cut", failing, 1 << 20, (b, o, l) -> {
        }));
        BlobStore.StoredBlob other = store.write("other", new ByteArrayInputStream(new byte[] {1}), 10, (b, o, l) -> {
        });
        assertFalse(store.exists(other.location().replace("other", "cut")));
    }

    @Test
    void deleteRemovesTheBytes() throws IOException {
        BlobStore store = store();
        BlobStore.StoredBlob blob = store.write("gone", new ByteArrayInputStream(randomBytes(100)), 1000, (b, o, l) -> {
        });
        store.delete(blob.location());
        assertFalse(store.exists(blob.location()));
        assertThrows(IOException.class, () -> store.read(blob.location(), 0, -1).close());
        store.delete(blob.location()); // deleting twice is harmless
    }
}
