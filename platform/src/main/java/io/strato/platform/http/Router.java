package io.strato.platform.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps method and path templates such as {@code /v3/users/{user_id}} to handlers. Literal
 * segments win over parameters, so {@code /v3/auth/tokens} and {@code /v3/auth/{x}} coexist.
 */
public final class Router {
    /** A registered route. Public routes are served without a token. */
    public record Route(String method, String template, Handler handler, boolean isPublic,
            List<String> parameterNames) {
    }

    /** The outcome of matching a request. */
    public sealed interface Match {
        record Found(Route route, Map<String, String> params) implements Match {
        }

        record MethodNotAllowed(Set<String> allowed) implements Match {
        }

        record NotFound() implements Match {
        }
    }

    private final Node root = new Node();
    private final boolean strictSlashes;

    /** A router that ignores a trailing slash. */
    public Router() {
        this(false);
    }

    /** With {@code strictSlashes}, {@code /v2/images/} is not {@code /v2/images} (Glance's behaviour). */
    public Router(boolean strictSlashes) {
        this.strictSlashes = strictSlashes;
    }

    public Router get(String template, Handler handler) {
        return add("GET", template, handler, false);
    }

    public Router post(String template, Handler handler) {
        return add("POST", template, handler, false);
    }

    public Router put(String template, Handler handler) {
        return add("PUT", template, handler, false);
    }

    public Router patch(String template, Handler handler) {
        return add("PATCH", template, handler, false);
    }

    public Router delete(String template, Handler handler) {
        return add("DELETE", template, handler, false);
    }

    public Router head(String template, Handler handler) {
        return add("HEAD", template, handler, false);
    }

    public Router add(String method, String template, Handler handler, boolean isPublic) {
        Node node = root;
        List<String> names = new ArrayList<>();
        for (String segment : segments(template)) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (node.parameter == null) {
                    node.parameter = new Node();
                }
                names.add(segment.substring(1, segment.length() - 1));
                node = node.parameter;
            } else {
                node = node.literals.computeIfAbsent(segment, s -> new Node());
            }
        }
        if (node.routes.put(method, new Route(method, template, handler, isPublic, List.copyOf(names))) != null) {
            throw new IllegalArgumentException("duplicate route " + method + " " + template);
        }
        return this;
    }

    public Match match(String method, String path) {
        if (strictSlashes && path.length() > 1 && path.endsWith("/")) {
            return new Match.NotFound();
        }
        List<String> segments = segments(path);
        List<String> values = new ArrayList<>();
        Node node = find(root, segments, 0, values);
        if (node == null || node.routes.isEmpty()) {
            return new Match.NotFound();
        }
        Route route = node.routes.get(method);
        if (route == null && method.equals("HEAD")) {
            route = node.routes.get("GET");
        }
        if (route == null) {
            Set<String> allowed = new LinkedHashSet<>(node.routes.keySet());
            return new Match.MethodNotAllowed(allowed);
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < route.parameterNames().size(); i++) {
            params.put(route.parameterNames().get(i), values.get(values.size() - 1 - i));
        }
        return new Match.Found(route, params);
    }

    /** Finds the node for the segments; parameter values are collected innermost first. */
    private static Node find(Node node, List<String> segments, int index, List<String> values) {
        if (index == segments.size()) {
            return node;
        }
        String segment = segments.get(index);
        Node literal = node.literals.get(segment);
        if (literal != null) {
            Node found = find(literal, segments, index + 1, values);
            if (found != null && !found.routes.isEmpty()) {
                return found;
            }
        }
        if (node.parameter != null && !segment.isEmpty()) {
            Node found = find(node.parameter, segments, index + 1, values);
            if (found != null && !found.routes.isEmpty()) {
                values.add(segment);
                return found;
            }
        }
        return null;
    }

    static List<String> segments(String path) {
        List<String> result = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                result.add(part);
            }
        }
        return result;
    }

    private static final class Node {
        final Map<String, Node> literals = new HashMap<>();
        final Map<String, Route> routes = new HashMap<>();
        Node parameter;
    }
}
