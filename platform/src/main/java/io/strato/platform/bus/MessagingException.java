package io.strato.platform.bus;

/** A message could not be delivered or answered in time. */
public final class MessagingException extends RuntimeException {
    public MessagingException(String message) {
        super(message);
    }
}
