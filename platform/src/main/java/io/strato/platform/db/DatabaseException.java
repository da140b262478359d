package io.strato.platform.db;

import java.sql.SQLException;

/** A database failure that is not the caller's fault. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }

    public boolean isUniqueViolation() {
        return Database.isUniqueViolation(sqlException());
    }
}
