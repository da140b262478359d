package io.strato.platform.testing;

import io.strato.platform.db.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for tests: an embedded H2 file database in a temporary directory, or a new
 * PostgreSQL database on the loopback server (trust auth). When PostgreSQL is not reachable the
 * PostgreSQL variant is skipped, except in CI (CI=true), where that is a failure.
 */
public final class TestDatabases {
    public static final String POSTGRES_ADMIN_URL = System.getenv().getOrDefault("STRATO_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String POSTGRES_USER = System.getenv().getOrDefault("STRATO_TEST_POSTGRES_USER", "postgres");

    /** Which engine a test runs on. */
    public enum Engine { H2, POSTGRES }

    private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final java.util.List<Path> TEMPORARY = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        // Test databases and directories live as long as the test JVM: remove them when it exits.
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::cleanUp, "strato-test-cleanup"));
    }

    private TestDatabases() {
    }

    private static void cleanUp() {
        for (Path directory : TEMPORARY) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // best effort: a temporary directory left behind is harmless
            }
        }
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "");
                Statement statement = admin.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test databases " + CREATED + ": " + e.getMessage());
        }
    }

    public static Database open(Engine engine) throws IOException {
        return switch (engine) {
            case H2 -> Database.embedded(tempDir("strato-h2-"), 8);
            case POSTGRES -> postgres();
        };
    }

    private static Database postgres() {
        String name = "strato_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(POSTGRES_ADMIN_URL, POSTGRES_USER, "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            CREATED.add(name);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required in CI but unreachable at " + POSTGRES_ADMIN_URL, e);
            }
            Assumptions.abort("PostgreSQL is not reachable at " + POSTGRES_ADMIN_URL + ": " + e.getMessage());
        }
        String url = POSTGRES_ADMIN_URL.substring(0, POSTGRES_ADMIN_URL.lastIndexOf('/') + 1) + name;
        return Database.open(url, POSTGRES_USER, "", 8);
    }

    /** A temporary directory removed when the test JVM exits. */
    public static Path tempDir(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        TEMPORARY.add(directory);
        return directory;
    }
}
