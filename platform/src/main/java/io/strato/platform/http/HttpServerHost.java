package io.strato.platform.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strato.platform.auth.AuthContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@link HttpService}s on the JDK HTTP server with a virtual thread per request. It
 * assigns request ids, authenticates tokens, maps errors to the service's fault body and
 * writes one access log line per request.
 */
public final class HttpServerHost implements AutoCloseable {
    static {
        // Disable Nagle on accepted sockets: small JSON answers otherwise wait for delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final System.Logger ACCESS = System.getLogger("strato.access");
    private static final System.Logger LOG = System.getLogger("strato.http");

    private final String bindAddress;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<HttpServer> servers = new ArrayList<>();

    public HttpServerHost(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    /** Binds the service's port and starts answering. */
    public synchronized void start(HttpService service) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, service.port()), 256);
        } catch (java.net.BindException e) {
            throw new java.net.BindException("the " + service.name() + " service cannot listen on " + bindAddress + ":"
                    + service.port() + ": " + e.getMessage() + " (is another cloud running? try --port-offset)");
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(service, exchange));
        server.start();
        servers.add(server);
    }

    @Override
    public synchronized void close() {
        for (HttpServer server : servers) {
            server.stop(0);
        }
        servers.clear();
        executor.shutdownNow();
    }

    private void serve(HttpService service, HttpExchange exchange) {
        long started = System.nanoTime();
        String requestId = "req-" + UUID.randomUUID();
        String method = exchange.getRequestMethod();
        Response response;
        try {
            response = dispatch(service, exchange, requestId, method);
        } catch (ApiException e) {
            response = fault(service, e);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, service.name() + " " + requestId + " failed", e);
            response = fault(service, new ApiException(500,
                    "An unexpected error prevented the server from fulfilling your request."));
        }
        long bytes = write(exchange, method, response, requestId);
        if (ACCESS.isLoggable(System.Logger.Level.INFO)) {
            ACCESS.log(System.Logger.Level.INFO, String.format("%s %s \"%s %s\" %d %d %.1fms %s", service.name(),
                    exchange.getRemoteAddress().getAddress().getHostAddress(), method,
                    exchange.getRequestURI().getRawPath(), response.status(), bytes,
                    (System.nanoTime() - started) / 1e6, requestId));
        }
    }

    /** The service's fault body, or a plain one if rendering itself fails: the client always gets an answer. */
    private static Response fault(HttpService service, ApiException error) {
        try {
            Response response = service.faults().render(error);
            error.headers().forEach(response::header);
            return response;
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, service.name() + " could not render a fault", e);
            return Response.text(error.status(), error.getMessage());
        }
    }

    private Response dispatch(HttpService service, HttpExchange exchange, String requestId, String method)
            throws Exception {
        String path = exchange.getRequestURI().getRawPath();
        Router.Match match = service.router().match(method, path);
        return switch (match) {
            case Router.Match.NotFound notFound -> throw ApiException.notFound("The resource could not be found.");
            case Router.Match.MethodNotAllowed notAllowed -> throw new ApiException(405,
                    "The method " + method + " is not allowed for the requested URL.",
                    Map.of("Allow", String.join(", ", notAllowed.allowed())));
            case Router.Match.Found found -> {
                Request request = new Request(method, path, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(), exchange.getRequestBody(), service.maxBodyBytes(), requestId,
                        baseUrl(exchange));
                request.pathParams(decodeParams(found.params()));
                if (!found.route().isPublic()) {
                    request.auth(authenticate(service, request));
                } else {
                    request.header("X-Auth-Token").flatMap(service.tokens()::validate).ifPresent(request::auth);
                }
                yield found.route().handler().handle(request);
            }
        };
    }

    private static AuthContext authenticate(HttpService service, Request request) {
        Optional<String> token = request.header("X-Auth-Token");
        if (token.isEmpty() || token.get().isBlank()) {
            throw ApiException.unauthorized("The request you have made requires authentication.");
        }
        return service.tokens().validate(token.get().trim())
                .orElseThrow(() -> ApiException.unauthorized("The request you have made requires authentication."));
    }

    private static Map<String, String> decodeParams(Map<String, String> raw) {
        if (raw.isEmpty()) {
            return raw;
        }
        Map<String, String> decoded = new java.util.HashMap<>();
        raw.forEach((k, v) -> decoded.put(k, java.net.URLDecoder.decode(v.replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8)));
        return decoded;
    }

    private static String baseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            InetSocketAddress local = exchange.getLocalAddress();
            host = local.getHostString() + ":" + local.getPort();
        }
        String proto = exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
        return (proto == null ? "http" : proto) + "://" + host;
    }

    private static long write(HttpExchange exchange, String method, Response response, String requestId) {
        long written = 0;
        try (exchange) {
            InputStream in = exchange.getRequestBody();
            in.skip(Long.MAX_VALUE); // drain what the handler did not read so keep-alive stays usable
            var headers = exchange.getResponseHeaders();
            headers.set("x-openstack-request-id", requestId);
            response.headers().forEach(headers::set);
            String connection = exchange.getRequestHeaders().getFirst("Connection");
            if (connection != null && connection.equalsIgnoreCase("close")) {
                // The JDK server closes such connections; say so, or clients reuse a dead socket.
                headers.set("Connection", "close");
            }
            boolean noBody = method.equals("HEAD") || response.status() == 204 || response.status() == 304;
            if (response.writer() != null) {
                long length = response.streamLength();
                if (noBody) {
                    if (length >= 0) {
                        headers.set("Content-Length", Long.toString(length));
                    }
                    exchange.sendResponseHeaders(response.status(), -1);
                } else {
                    exchange.sendResponseHeaders(response.status(), length < 0 ? 0 : (length == 0 ? -1 : length));
                    try (OutputStream out = exchange.getResponseBody()) {
                        response.writer().writeTo(out);
                    }
                    written = Math.max(length, 0);
                }
            } else {
                byte[] body = response.body();
                if (noBody) {
                    if (method.equals("HEAD") && body.length > 0) {
                        headers.set("Content-Length", Integer.toString(body.length));
                    }
                    exchange.sendResponseHeaders(response.status(), -1);
                } else if (body.length == 0) {
                    exchange.sendResponseHeaders(response.status(), -1);
                } else {
                    exchange.sendResponseHeaders(response.status(), body.length);
                    exchange.getResponseBody().write(body);
                    written = body.length;
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away: " + e.getMessage());
        }
        return written;
    }
}
