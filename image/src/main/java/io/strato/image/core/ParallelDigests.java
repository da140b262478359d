package io.strato.image.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes several digests of one stream at once, each on its own thread, so hashing a large
 * upload does not run serially with reading and writing it. Chunks are copied into a fixed pool
 * of reused buffers, so memory stays constant whatever the stream's size.
 */
final class ParallelDigests implements AutoCloseable {
    private static final int IN_FLIGHT = 16;
    private static final int CHUNK = 1 << 16;

    private final List<MessageDigest> digests;
    private final List<ExecutorService> workers;
    private final BlockingQueue<byte[]> buffers = new ArrayBlockingQueue<>(IN_FLIGHT);

    ParallelDigests(String... algorithms) {
        for (int i = 0; i < IN_FLIGHT; i++) {
            buffers.add(new byte[CHUNK]);
        }
        this.digests = java.util.Arrays.stream(algorithms).map(ParallelDigests::digest).toList();
        this.workers = digests.stream().map(d -> Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("strato-digest").factory())).toList();
    }

    void update(byte[] buffer, int offset, int length) {
        int done = 0;
        while (done < length) {
            byte[] copy = take();
            int size = Math.min(copy.length, length - done);
            System.arraycopy(buffer, offset + done, copy, 0, size);
            done += size;
            AtomicInteger pending = new AtomicInteger(digests.size());
            for (int i = 0; i < digests.size(); i++) {
                MessageDigest digest = digests.get(i);
                workers.get(i).execute(() -> {
                    digest.update(copy, 0, size);
                    if (pending.decrementAndGet() == 0) {
                        buffers.add(copy);
                    }
                });
            }
        }
    }

    private byte[] take() {
        try {
            return buffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }

    /** The hex digests, in the order of the algorithms, once every chunk is hashed. */
    List<String> finish() {
        for (ExecutorService worker : workers) {
            try {
                worker.submit(() -> { }).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hashing", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("hashing failed", e.getCause());
            }
        }
        return digests.stream().map(d -> HexFormat.of().formatHex(d.digest())).toList();
    }

    @Override
    public void close() {
        workers.forEach(ExecutorService::shutdownNow);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
