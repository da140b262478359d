package io.strato.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.strato.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for API tests: sends JSON, returns status, headers and parsed body. */
public final class ApiClient {
    /** An answer: status, headers and the body (parsed when it is JSON). */
    public record Reply(int status, Map<String, java.util.List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            String text = text();
            return text.isEmpty() ? Json.object() : Json.parse(text);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst();
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Reply send(String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("X-Auth-Token", token);
        }
        headers.forEach(builder::header);
        boolean typed = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Content-Type"));
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (body instanceof String text) {
            publisher = HttpRequest.BodyPublishers.ofString(text);
            if (!typed) {
                builder.header("Content-Type", "application/json");
            }
        } else if (body instanceof byte[] bytes) {
            publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
            if (!typed) {
                builder.header("Content-Type", "application/json");
            }
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body));
            if (!typed) {
                builder.header("Content-Type", "application/json");
            }
        }
        builder.method(method, publisher);
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Reply post(String path, String token, Object body) {
        return send("POST", path, token, body, Map.of());
    }

    public Reply patch(String path, String token, Object body) {
        return send("PATCH", path, token, body, Map.of());
    }

    public Reply put(String path, String token) {
        return send("PUT", path, token, null, Map.of());
    }

    public Reply delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of());
    }
}
