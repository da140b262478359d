package io.strato.compute.virt.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.compute.virt.DriverException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A QEMU Machine Protocol session on a unix socket: reads the greeting, negotiates
 * {@code qmp_capabilities}, then runs commands one at a time. Asynchronous events that arrive
 * in between are recorded ({@link #events()}). Every read has a deadline.
 */
public final class QmpClient implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final ObjectMapper json;
    private final Duration timeout;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private final List<JsonNode> events = new ArrayList<>();
    private final JsonNode greeting;
    private long nextId = 1;

    private QmpClient(SocketChannel channel, ObjectMapper json, Duration timeout) throws IOException {
        this.channel = channel;
        this.json = json;
        this.timeout = timeout;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        this.greeting = readMessage(System.nanoTime() + timeout.toNanos());
        if (!greeting.has("QMP")) {
            throw new IOException("not a QMP greeting: " + greeting);
        }
        execute("qmp_capabilities", null);
    }

    /** Connects and negotiates; throws {@link IOException} when nothing listens on the socket. */
    public static QmpClient connect(Path socket, ObjectMapper json, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new QmpClient(channel, json, timeout);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The server's greeting, {@code {"QMP": {"version": ...}}}. */
    public JsonNode greeting() {
        return greeting;
    }

    /** The events received so far, each {@code {"event": NAME, "data": ..., "timestamp": ...}}. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /**
     * Runs a command and returns its {@code return} value. A QMP error becomes a
     * {@link DriverException} naming the command and QEMU's description.
     */
    public JsonNode execute(String command, JsonNode arguments) throws IOException {
        String id = "strato-" + nextId++;
        ObjectNode request = json.createObjectNode().put("execute", command).put("id", id);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        write(json.writeValueAsString(request) + "\n");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode message = readMessage(deadline);
            if (message.has("event")) {
                events.add(message);
                continue;
            }
            if (!id.equals(message.path("id").asText())) {
                continue;
            }
            if (message.has("error")) {
                throw new DriverException(DriverException.Reason.HYPERVISOR_FAILURE, "QEMU refused " + command + ": "
                        + message.path("error").path("desc").asText(message.path("error").toString()));
            }
            return message.path("return");
        }
    }

    private void write(String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("QMP write timed out");
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while writing to QMP", e);
                }
            }
        }
    }

    private JsonNode readMessage(long deadline) throws IOException {
        while (true) {
            byte[] bytes = pending.toByteArray();
            int newline = indexOfNewline(bytes);
            if (newline < 0) {
                fill(deadline);
                continue;
            }
            String line = new String(bytes, 0, newline, StandardCharsets.UTF_8).strip();
            pending.reset();
            pending.write(bytes, newline + 1, bytes.length - newline - 1);
            if (!line.isEmpty()) {
                return json.readTree(line);
            }
        }
    }

    private static int indexOfNewline(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException("QMP read timed out after " + timeout.toMillis() + " ms");
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        buffer.clear();
        int read = channel.read(buffer);
        if (read < 0) {
            throw new IOException("QEMU closed the QMP connection");
        }
        pending.write(buffer.array(), 0, read);
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
