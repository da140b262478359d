package io.strato.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parameterised SQL on one connection. Arguments are bound in order; Instants become epoch microseconds. */
public final class Session {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Connection connection;

    Session(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public long count(String sql, Object... args) throws SQLException {
        return one(sql, row -> row.getLong(1), args).orElse(0L);
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            switch (arg) {
                case null -> statement.setNull(index, Types.NULL);
                case String s -> statement.setString(index, s);
                case Integer n -> statement.setInt(index, n);
                case Long n -> statement.setLong(index, n);
                case Boolean b -> statement.setBoolean(index, b);
                case Instant t -> statement.setLong(index, micros(t));
                case byte[] bytes -> statement.setBytes(index, bytes);
                default -> statement.setObject(index, arg);
            }
        }
    }

    /** Reads a nullable epoch-microseconds column as an Instant. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? null : Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }

    /** An instant as epoch microseconds, the unit of every timestamp column. */
    public static long micros(Instant instant) {
        return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
