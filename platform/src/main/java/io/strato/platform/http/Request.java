package io.strato.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.platform.auth.AuthContext;
import io.strato.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP request as a handler sees it: method, path parameters, query, headers, body, context. */
public final class Request {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private final long maxBodyBytes;
    private final String requestId;
    private final String baseUrl;
    private Map<String, String> pathParams = Map.of();
    private Map<String, List<String>> query;
    private byte[] bodyBytes;
    private AuthContext auth;

    public Request(String method, String path, String rawQuery, Map<String, List<String>> headers, InputStream body,
            long maxBodyBytes, String requestId, String baseUrl) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
        this.maxBodyBytes = maxBodyBytes;
        this.requestId = requestId;
        this.baseUrl = baseUrl;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String requestId() {
        return requestId;
    }

    /** Scheme, host and port the client used, e.g. {@code http://127.0.0.1:5000}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    void pathParams(Map<String, String> params) {
        this.pathParams = params;
    }

    public Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    public Map<String, List<String>> query() {
        if (query == null) {
            query = parseQuery(rawQuery);
        }
        return query;
    }

    /** The first value of a query parameter, if present. */
    public Optional<String> queryParam(String name) {
        List<String> values = query().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> queryParams(String name) {
        return query().getOrDefault(name, List.of());
    }

    /** A boolean query flag as OpenStack services read it: present with no value, or true/1/yes/on. */
    public boolean queryFlag(String name) {
        Optional<String> value = queryParam(name);
        if (value.isEmpty()) {
            return false;
        }
        String v = value.get().toLowerCase();
        return v.isEmpty() || v.equals("true") || v.equals("1") || v.equals("yes") || v.equals("on");
    }

    public InputStream bodyStream() {
        return body;
    }

    /** The whole body, refused with 413 past the service's limit. */
    public byte[] bodyBytes() {
        if (bodyBytes == null) {
            try {
                byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
                if (read.length > maxBodyBytes) {
                    throw new ApiException(413, "Request body is larger than the limit of " + maxBodyBytes + " bytes.");
                }
                bodyBytes = read;
            } catch (IOException e) {
                throw ApiException.badRequest("Could not read the request body.");
            }
        }
        return bodyBytes;
    }

    /** The body as a JSON object; 400 for an empty, malformed or non-object body. */
    public ObjectNode jsonObject() {
        byte[] bytes = bodyBytes();
        if (bytes.length == 0) {
            throw ApiException.badRequest("The request body is empty; a JSON object is required.");
        }
        JsonNode node;
        try {
            node = Json.parse(bytes);
        } catch (IOException e) {
            throw ApiException.badRequest("Malformed JSON in the request body.");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    public AuthContext auth() {
        if (auth == null) {
            throw ApiException.unauthorized("The request you have made requires authentication.");
        }
        return auth;
    }

    public Optional<AuthContext> authIfPresent() {
        return Optional.ofNullable(auth);
    }

    public void auth(AuthContext context) {
        this.auth = context;
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return Collections.unmodifiableMap(result);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Malformed query string.");
        }
    }
}
