package io.strato.launcher;

import io.strato.identity.IdentityBootstrap;
import io.strato.compute.ComputeApiService;
import io.strato.identity.IdentityService;
import io.strato.image.ImageService;
import io.strato.platform.bus.AmqpMessageBus;
import io.strato.platform.bus.InMemoryMessageBus;
import io.strato.platform.bus.MessageBus;
import io.strato.platform.config.Config;
import io.strato.platform.db.Database;
import io.strato.platform.http.HttpServerHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The all-in-one cloud: the launcher's composition root. It reads the configuration, opens
 * the database, builds each service, binds its port, bootstraps a fresh data dir, writes the
 * client configuration and reports ready once every service answers.
 */
public final class Cloud implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("strato.launcher");

    private final Database database;
    private final MessageBus bus;
    private final HttpServerHost http;
    private final ScheduledExecutorService maintenance;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String identityUrl;

    private Cloud(Database database, MessageBus bus, HttpServerHost http, ScheduledExecutorService maintenance,
            String identityUrl) {
        this.database = database;
        this.bus = bus;
        this.http = http;
        this.maintenance = maintenance;
        this.identityUrl = identityUrl;
    }

    public static Cloud start(LaunchOptions options) throws IOException {
        Path dataDir = options.dataDir();
        Files.createDirectories(dataDir);
        Config config = Config.load(dataDir.resolve("strato.conf"), System.getenv(), Map.of());
        Database database = openDatabase(config, dataDir);
        // All-in-one: the in-process bus. Multi-node roles share RabbitMQ: bus.url=amqp://user:pass@host:5672/
        MessageBus bus = config.get("bus.url")
                .<MessageBus>map(url -> new AmqpMessageBus(url, config.get("bus.virtual_host", "/")))
                .orElseGet(InMemoryMessageBus::new);
        HttpServerHost http = new HttpServerHost(options.host());
        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("strato-maintenance").factory());
        try {
            IdentityService identity = new IdentityService(config, database, dataDir.resolve("fernet-keys"),
                    Clock.systemUTC());
            int identityPort = IdentityService.DEFAULT_PORT + options.portOffset();
            String identityUrl = "http://" + urlHost(options.host()) + ":" + identityPort;
            http.start(identity.httpService(identityPort));
            ImageService image = new ImageService(config, database, dataDir.resolve("images"), Clock.systemUTC());
            int imagePort = ImageService.DEFAULT_PORT + options.portOffset();
            String imageUrl = "http://" + urlHost(options.host()) + ":" + imagePort;
            http.start(image.httpService(imagePort, identity.tokens()));
            ComputeApiService compute = new ComputeApiService(config, database, Clock.systemUTC());
            int computePort = ComputeApiService.DEFAULT_PORT + options.portOffset();
            String computeUrl = "http://" + urlHost(options.host()) + ":" + computePort;
            http.start(compute.httpService(computePort, identity.tokens()));

            Secrets secrets = Secrets.loadOrCreate(dataDir.resolve("secrets.properties"));
            IdentityBootstrap bootstrap = identity.bootstrap();
            boolean fresh = bootstrap.isFresh();
            List<IdentityBootstrap.CatalogService> services = List.of(
                    new IdentityBootstrap.CatalogService("identity", "keystone", "Identity service (Keystone v3)",
                            identityUrl + "/v3", identityUrl + "/v3", identityUrl + "/v3"),
                    new IdentityBootstrap.CatalogService("image", "glance", "Image service (Glance v2)", imageUrl,
                            imageUrl, imageUrl),
                    new IdentityBootstrap.CatalogService("compute", "nova", "Compute service (Nova v2.1)",
                            computeUrl + "/v2.1", computeUrl + "/v2.1", computeUrl + "/v2.1"));
            bootstrap.run(secrets.adminPassword(), secrets.demoPassword(), services);
            if (fresh) {
                LOG.log(System.Logger.Level.INFO, "bootstrapped a new cloud in " + dataDir);
            }
            ClientFiles.write(dataDir, identityUrl, secrets);
            maintenance.scheduleWithFixedDelay(() -> {
                try {
                    identity.refresh();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "identity refresh failed: " + e.getMessage());
                }
            }, 30, 30, TimeUnit.SECONDS);
            Cloud cloud = new Cloud(database, bus, http, maintenance, identityUrl);
            awaitReady(List.of(identityUrl + "/v3", imageUrl + "/versions", computeUrl + "/v2.1"));
            System.out.println("strato: ready — identity " + identityUrl + "/v3, image " + imageUrl + ", compute "
                    + computeUrl + "/v2.1 — clouds.yaml and admin-openrc.sh in " + dataDir);
            System.out.flush();
            return cloud;
        } catch (RuntimeException | IOException e) {
            http.close();
            maintenance.shutdownNow();
            bus.close();
            database.close();
            throw e;
        }
    }

    public static void rotateKeys(LaunchOptions options) throws IOException {
        Config config = Config.load(options.dataDir().resolve("strato.conf"), System.getenv(), Map.of());
        IdentityService.rotateKeys(options.dataDir().resolve("fernet-keys"),
                config.getInt("identity.fernet.max_active_keys", 3));
    }

    public String identityUrl() {
        return identityUrl;
    }

    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        System.out.println("strato: stopping");
        http.close();
        maintenance.shutdownNow();
        bus.close();
        database.close();
        stopped.countDown();
        System.out.println("strato: stopped");
    }

    /** Waits until every URL answers 200. */
    private static void awaitReady(List<String> urls) {
        for (String url : urls) {
            awaitReady(url);
        }
    }

    private static void awaitReady(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the services");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the services");
            }
        }
        throw new IllegalStateException("no service answered at " + url);
    }

    private static Database openDatabase(Config config, Path dataDir) throws IOException {
        int pool = config.getInt("database.pool_size", 16);
        var url = config.get("database.url");
        if (url.isPresent()) {
            return Database.open(url.get(), config.get("database.user", null), config.get("database.password", null), pool);
        }
        Path dir = dataDir.resolve("db");
        Files.createDirectories(dir);
        return Database.embedded(dir, pool);
    }

    private static String urlHost(String host) {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
