package io.strato.compute.metadata;

/** A config drive could not be made; the message says why and what to do. */
public class ConfigDriveException extends RuntimeException {
    public ConfigDriveException(String message) {
        super(message);
    }

    public ConfigDriveException(String message, Throwable cause) {
        super(message, cause);
    }
}
