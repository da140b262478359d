package io.strato.platform.http;

import io.strato.platform.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, headers and a body that is either bytes or streamed. */
public final class Response {
    /** Writes a streamed body of known or unknown length. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private final BodyWriter writer;
    private final long streamLength;

    private Response(int status, byte[] body, BodyWriter writer, long streamLength) {
        this.status = status;
        this.body = body;
        this.writer = writer;
        this.streamLength = streamLength;
    }

    public static Response json(int status, Object value) {
        return new Response(status, Json.bytes(value), null, -1).header("Content-Type", "application/json");
    }

    public static Response ok(Object value) {
        return json(200, value);
    }

    public static Response empty(int status) {
        return new Response(status, new byte[0], null, -1);
    }

    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, body, null, -1).header("Content-Type", contentType);
    }

    public static Response text(int status, String text) {
        return bytes(status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A streamed body; {@code length} of -1 means chunked. */
    public static Response stream(int status, String contentType, long length, BodyWriter writer) {
        return new Response(status, null, writer, length).header("Content-Type", contentType);
    }

    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public BodyWriter writer() {
        return writer;
    }

    public long streamLength() {
        return streamLength;
    }
}
