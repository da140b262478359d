package io.strato.platform.bus;

/**
 * The server's handler for an RPC {@code call} failed; carries the remote exception's type and
 * message (as oslo.messaging's RemoteError does). The cause is set only when the handler ran in
 * this JVM.
 */
public final class RemoteCallException extends MessagingException {
    private final String remoteType;
    private final String remoteMessage;

    public RemoteCallException(String address, String method, String remoteType, String remoteMessage,
            Throwable cause) {
        super("'" + method + "' on topic " + address + " failed remotely: " + remoteType
                + (remoteMessage == null ? "" : ": " + remoteMessage), cause);
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
    }

    /** The class name of the exception the handler raised. */
    public String remoteType() {
        return remoteType;
    }

    /** The message of the exception the handler raised (may be null). */
    public String remoteMessage() {
        return remoteMessage;
    }
}
