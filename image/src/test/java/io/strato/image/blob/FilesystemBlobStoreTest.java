package io.strato.image.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FilesystemBlobStoreTest extends BlobStoreContract {
    private Path directory;

    @Override
    BlobStore store() throws IOException {
        directory = Files.createTempDirectory("strato-blobs-");
        return new FilesystemBlobStore(directory);
    }

    @Test
    void leftoversOfACrashAreRemovedAtStart() throws IOException {
        FilesystemBlobStore store = (FilesystemBlobStore) store();
        Files.writeString(directory.resolve("abc.partial-123"), "half");
        assertEquals(1, store.removeLeftovers());
        try (var files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void locationsOutsideTheStoreAreRefused() throws IOException {
        FilesystemBlobStore store = (FilesystemBlobStore) store();
        assertThrows(IOException.class, () -> store.read("file:///etc/passwd", 0, -1));
        assertThrows(IOException.class, () -> store.read("file://" + directory + "/../x", 0, -1));
        assertThrows(IllegalArgumentException.class, () -> store.write("../x", java.io.InputStream.nullInputStream(), 1,
                (b, o, l) -> {
                }));
    }
}
