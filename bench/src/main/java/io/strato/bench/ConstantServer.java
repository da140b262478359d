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
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The floor of the token benchmark: Strato's own HTTP stack ({@link HttpServerHost}, {@link Router},
 * {@link Response}) answering the token paths with a constant small JSON body and no work at all.
 * Whatever Strato's identity service costs above this is its own.
 *
 * <pre>java -XX:+UseZGC -Xss1m -cp strato-bench.jar io.strato.bench.ConstantServer [--port 18999]
 *     [--max-seconds 1800] [--access-log on|off]</pre>
 *
 * It binds 127.0.0.1 only, prints {@code floor: ready on http://127.0.0.1:PORT/v3} and stops on
 * SIGTERM/SIGINT or after {@code --max-seconds}. Logging is set up as the launcher does for
 * {@code ./strato up}: one line per record on standard error, the "strato.access" line per request
 * included unless {@code --access-log off} (the launcher's STRATO_ACCESS_LOG=off), so that the floor
 * pays for what Strato pays for.
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
        boolean accessLog = !"off".equalsIgnoreCase(System.getenv("STRATO_ACCESS_LOG"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                case "--access-log" -> accessLog = !"off".equalsIgnoreCase(args[++i]);
                default -> {
                    System.err.println("usage: ConstantServer [--port N] [--max-seconds N] [--access-log on|off]");
                    System.exit(2);
                }
            }
        }
        configureLogging(accessLog);

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

    /** The launcher's logging: one line per record on stderr, INFO and up. */
    static void configureLogging(boolean accessLog) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        ACCESS_LOG.setLevel(accessLog ? Level.INFO : Level.OFF);
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
