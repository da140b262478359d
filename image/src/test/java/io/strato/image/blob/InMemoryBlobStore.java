package io.strato.image.blob;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A fake store for tests: blobs in a map. */
final class InMemoryBlobStore implements BlobStore {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public StoredBlob write(String key, InputStream data, long maxBytes, ChunkListener listener) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = data.read(buffer)) != -1) {
            if (out.size() + read > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            listener.chunk(buffer, 0, read);
            out.write(buffer, 0, read);
        }
        blobs.put("memory://" + key, out.toByteArray());
        return new StoredBlob("memory://" + key, out.size());
    }

    @Override
    public InputStream read(String location, long offset, long length) throws IOException {
        byte[] bytes = blobs.get(location);
        if (bytes == null) {
            throw new IOException("no blob at " + location);
        }
        int end = length < 0 ? bytes.length : (int) Math.min(bytes.length, offset + length);
        return new ByteArrayInputStream(bytes, (int) offset, end - (int) offset);
    }

    @Override
    public void delete(String location) {
        blobs.remove(location);
    }

    @Override
    public boolean exists(String location) {
        return blobs.containsKey(location);
    }
}
