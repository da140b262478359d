package io.strato.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.strato.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few Keystone v3 calls the benchmark needs, over one keep-alive HTTP/1.1 client. Used for the
 * admin set-up (idempotent) and for building the exact requests the load phases send.
 */
final class KeystoneApi {
    /** One HTTP answer: status, body and the subject token header if any. */
    record Answer(int status, byte[] body, String subjectToken) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The same answer with a label in front of its body, to tell which request of a sequence failed. */
        Answer labelled(String label) {
            return ok() ? this : new Answer(status, (label + ": " + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8), subjectToken);
        }

        JsonNode json() {
            try {
                return body.length == 0 ? Json.object() : Json.parse(body);
            } catch (IOException e) {
                throw new BenchException("not JSON (" + status + "): " + text());
            }
        }

        String text() {
            String s = new String(body, StandardCharsets.UTF_8);
            return s.length() > 300 ? s.substring(0, 300) + "…" : s;
        }
    }

    static final class BenchException extends RuntimeException {
        BenchException(String message) {
            super(message);
        }
    }

    private final String base; // e.g. http://127.0.0.1:15357/v3, no trailing slash
    private final HttpClient client;
    private final Duration timeout;

    KeystoneApi(String base, HttpClient client, Duration timeout) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.client = client;
        this.timeout = timeout;
    }

    String base() {
        return base;
    }

    HttpClient client() {
        return client;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    // ---- request builders (also used by the load phases) ----

    static byte[] passwordAuthBody(String user, String userDomain, String password, String project,
            String projectDomain) {
        Map<String, Object> userNode = new LinkedHashMap<>();
        userNode.put("name", user);
        userNode.put("domain", Map.of("name", userDomain));
        userNode.put("password", password);
        return Json.bytes(Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", userNode)),
                "scope", Map.of("project", Map.of("name", project, "domain", Map.of("name", projectDomain))))));
    }

    static byte[] tokenAuthBody(String token, String projectId) {
        return Json.bytes(Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("token"), "token", Map.of("id", token)),
                "scope", Map.of("project", Map.of("id", projectId)))));
    }

    HttpRequest issueRequest(byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + "/auth/tokens"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    HttpRequest validateRequest(String adminToken, String subjectToken) {
        return HttpRequest.newBuilder(URI.create(base + "/auth/tokens"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-Auth-Token", adminToken)
                .header("X-Subject-Token", subjectToken)
                .GET()
                .build();
    }

    HttpRequest revokeRequest(String adminToken, String subjectToken) {
        return HttpRequest.newBuilder(URI.create(base + "/auth/tokens"))
                .timeout(timeout)
                .header("X-Auth-Token", adminToken)
                .header("X-Subject-Token", subjectToken)
                .DELETE()
                .build();
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("X-Subject-Token").orElse(null));
        } catch (IOException e) {
            throw new BenchException(request.method() + " " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted");
        }
    }

    // ---- admin calls ----

    Answer call(String method, String path, String token, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-Auth-Token", token);
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build());
    }

    JsonNode require(String method, String path, String token, Object body) {
        Answer a = call(method, path, token, body);
        if (!a.ok()) {
            throw new BenchException(method + " " + base + path + " -> " + a.status() + " " + a.text());
        }
        return a.json();
    }

    /** Password auth; returns the answer (token in subjectToken, body with the token document). */
    Answer authenticate(String user, String userDomain, String password, String project, String projectDomain) {
        return send(issueRequest(passwordAuthBody(user, userDomain, password, project, projectDomain)));
    }

    /** The id of the domain called {@code name} (the bench uses "Default"). */
    String domainId(String token, String name) {
        JsonNode domains = require("GET", "/domains?name=" + enc(name), token, null).path("domains");
        if (domains.isEmpty()) {
            throw new BenchException("no domain named " + name);
        }
        return domains.get(0).path("id").asText();
    }

    /** Finds by name in a collection (filtered by the query), creating it when absent. */
    String ensure(String token, String collection, String singular, String query, Map<String, Object> create) {
        JsonNode found = require("GET", "/" + collection + "?" + query, token, null).path(collection);
        if (!found.isEmpty()) {
            return found.get(0).path("id").asText();
        }
        return require("POST", "/" + collection, token, Map.of(singular, create)).path(singular).path("id").asText();
    }

    List<JsonNode> list(String token, String collection, String query) {
        JsonNode found = require("GET", "/" + collection + (query == null ? "" : "?" + query), token, null)
                .path(collection);
        List<JsonNode> out = new ArrayList<>();
        found.forEach(out::add);
        return out;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
