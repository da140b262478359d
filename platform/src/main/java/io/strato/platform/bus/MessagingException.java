package io.strato.platform.bus;

/**
 * A message could not be delivered or answered in time, or the bus is closed. A failure raised
 * by the remote handler itself is the subclass {@link RemoteCallException}.
 */
public class MessagingException extends RuntimeException {
    public MessagingException(String message) {
        super(message);
    }

    public MessagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
