package io.strato.bench;

import io.strato.platform.http.FaultRenderer;
import io.strato.platform.http.Handler;
import io.strato.platform.http.HttpServerHost;
import io.strato.platform.http.HttpService;
import io.strato.platform.http.Response;
import io.strato.platform.http.Router;
import io.strato.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The floor of the token benchmark: Strato's own HTTP stack ({@link HttpServerHost}, {@link Router},
 * {@link Response}) answering the token paths with a constant small JSON body and no work at all.
 * Whatever Strato's identity service costs above this is its own.
 *
 * <pre>java -cp strato-bench.jar io.strato.bench.ConstantServer [--port 18999] [--max-seconds 1800] [--access-log]</pre>
 *
 * It binds 127.0.0.1 only, prints {@code floor: ready on http://127.0.0.1:PORT/v3} and stops on
 * SIGTERM/SIGINT or after {@code --max-seconds}. The host's per-request access log goes through
 * System.Logger ("strato.access"); it is off unless {@code --access-log} is given, so that the floor
 * measures the stack and not a console.
 */
public final class ConstantServer {
    /** The constant token, answered in X-Subject-Token on every path. */
    public static final String TOKEN = "floor-constant-token";

    private static final Logger ACCESS_LOG = Logger.getLogger("strato.access"); // held: JUL keeps weak refs

    private ConstantServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 18999;
        long maxSeconds = 1800;
        boolean accessLog = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                case "--access-log" -> accessLog = true;
                default -> {
                    System.err.println("usage: ConstantServer [--port N] [--max-seconds N] [--access-log]");
                    System.exit(2);
                }
            }
        }
        ACCESS_LOG.setLevel(accessLog ? Level.INFO : Level.WARNING);

        HttpServerHost host = new HttpServerHost("127.0.0.1");
        host.start(new HttpService("floor", port, router(), faults(), 1 << 20, token -> Optional.empty()));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            host.close();
        }, "floor-shutdown"));
        System.out.println("floor: ready on http://127.0.0.1:" + port + "/v3");
        System.out.flush();
        if (!stop.await(maxSeconds, TimeUnit.SECONDS)) {
            System.out.println("floor: --max-seconds " + maxSeconds + " reached, stopping");
            host.close();
            System.exit(0);
        }
    }

    /** Both token paths (and GET /v3) answer the same small JSON with 200. */
    static Router router() {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("methods", List.of("password"));
        token.put("expires_at", "2099-01-01T00:00:00.000000Z");
        token.put("issued_at", "2025-01-01T00:00:00.000000Z");
        token.put("audit_ids", List.of("floor"));
        byte[] body = Json.bytes(Map.of("token", token));
        Handler constant = request -> Response.bytes(200, "application/json", body)
                .header("X-Subject-Token", TOKEN);
        Router router = new Router();
        router.add("GET", "/v3/auth/tokens", constant, true);
        router.add("POST", "/v3/auth/tokens", constant, true);
        router.add("DELETE", "/v3/auth/tokens", constant, true);
        router.add("GET", "/v3", constant, true);
        return router;
    }

    static FaultRenderer faults() {
        return error -> Response.json(error.status(),
                Map.of("error", Map.of("code", error.status(), "title", error.title(), "message",
                        String.valueOf(error.getMessage()))));
    }
}
