package io.strato.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The SQL database: an embedded H2 file database by default, PostgreSQL when a JDBC URL says
 * so. Work runs in {@link Session}s; {@link #transaction} commits or rolls back as a whole.
 * Timestamps are stored as epoch microseconds (BIGINT) so both engines agree on them.
 */
public final class Database implements AutoCloseable {
    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException;
    }

    /** One schema change of a component, applied once, in version order. */
    public record Migration(int version, String resource) {
    }

    private static final System.Logger LOG = System.getLogger("strato.db");
    private static final int MAX_RETRIES = 5;

    private final HikariDataSource dataSource;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** Opens a database by JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql:...}). */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setAutoCommit(true);
        config.setPoolName("strato-db");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new Database(new HikariDataSource(config), jdbcUrl.startsWith("jdbc:postgresql:"));
    }

    /** The embedded file database under {@code directory}. */
    public static Database embedded(Path directory, int poolSize) {
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("strato")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
        return open(url, "sa", "", poolSize);
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Runs work in one transaction, retrying when the database reports a serialization conflict. */
    public <T> T transaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(new Session(connection));
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (attempt < MAX_RETRIES && isRetryable(e)) {
                    continue;
                }
                throw new DatabaseException(e);
            }
        }
    }

    /** Runs work on a connection in autocommit mode, for reads. */
    public <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(new Session(connection));
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Applies the component's migrations that have not run yet. */
    public void migrate(String component, List<Migration> migrations) {
        transaction(session -> {
            session.update("CREATE TABLE IF NOT EXISTS strato_migrations (component VARCHAR(64) NOT NULL, "
                    + "version INT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (component, version))");
            return null;
        });
        for (Migration migration : migrations) {
            transaction(session -> {
                boolean applied = session.one("SELECT 1 FROM strato_migrations WHERE component = ? AND version = ?",
                        row -> true, component, migration.version()).isPresent();
                if (!applied) {
                    for (String statement : statements(migration.resource())) {
                        try (Statement jdbc = session.connection().createStatement()) {
                            jdbc.execute(statement);
                        }
                    }
                    session.update("INSERT INTO strato_migrations (component, version, applied_at) VALUES (?, ?, ?)",
                            component, migration.version(), java.time.Instant.now());
                    LOG.log(System.Logger.Level.INFO, "applied migration " + component + " " + migration.version());
                }
                return null;
            });
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    public static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        // 40001 serialization failure, 40P01 deadlock (PostgreSQL); H2 reports 40001 for deadlocks too.
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state);
    }

    private static List<String> statements(String resource) {
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder cleaned = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.stripLeading().startsWith("--")) {
                    cleaned.append(line).append('\n');
                }
            }
            return java.util.Arrays.stream(cleaned.toString().split(";\\s*\n"))
                    .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }
}
