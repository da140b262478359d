package io.strato.image.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Image bytes as files in one directory: {@code file:///DIR/<key>}. Writes go to a temporary
 * file that is synced and renamed into place, so a crash never leaves a partial blob under a
 * real name; {@link #removeLeftovers()} clears temporary files after a crash.
 */
public final class FilesystemBlobStore implements BlobStore {
    private static final String PREFIX = "file://";
    private static final String PARTIAL = ".partial-";
    private static final int CHUNK = 1 << 16;

    private final Path directory;

    public FilesystemBlobStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory).toAbsolutePath();
    }

    @Override
    public String id() {
        return "file";
    }

    @Override
    public StoredBlob write(String key, InputStream data, long maxBytes, ChunkListener listener) throws IOException {
        checkKey(key);
        Path target = directory.resolve(key);
        Path temp = directory.resolve(key + PARTIAL + UUID.randomUUID());
        long total = 0;
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[CHUNK];
                int read;
                while ((read = data.read(buffer)) != -1) {
                    total += read;
                    if (total > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    listener.chunk(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StoredBlob(PREFIX + target, total);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream read(String location, long offset, long length) throws IOException {
        Path path = pathOf(location);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("no blob at " + location);
        }
        channel.position(offset);
        InputStream in = Channels.newInputStream(channel);
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public void delete(String location) throws IOException {
        Files.deleteIfExists(pathOf(location));
    }

    @Override
    public boolean exists(String location) {
        try {
            return Files.isRegularFile(pathOf(location));
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes temporary files left by writes that a crash interrupted. */
    public int removeLeftovers() throws IOException {
        int removed = 0;
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().contains(PARTIAL)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    private Path pathOf(String location) throws IOException {
        if (location == null || !location.startsWith(PREFIX)) {
            throw new IOException("not a file store location: " + location);
        }
        Path path = Path.of(location.substring(PREFIX.length())).normalize();
        if (!path.getParent().equals(directory)) {
            throw new IOException("location outside the store: " + location);
        }
        return path;
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.contains("/") || key.contains("..") || key.contains(PARTIAL)) {
            throw new IllegalArgumentException("bad blob key " + key);
        }
    }

    /** Stops after a number of bytes. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
