package io.strato.platform.bus;

import java.util.Objects;

/**
 * Where an {@link AmqpMessageBus} connects and the names it declares.
 *
 * @param url broker address such as {@code amqp://guest:guest@127.0.0.1:5672/} (or {@code amqps://})
 * @param virtualHost the virtual host; when null, the one in the URL's path, else {@code /}
 * @param rpcExchange the topic exchange for calls and casts ({@code strato} by default)
 * @param notificationExchange the topic exchange for notifications ({@code strato.notifications})
 * @param queuePrefix put in front of every queue name (empty by default; tests use a unique one)
 * @param prefetch unacknowledged messages a server or subscriber holds at once, so how many of its
 *        handlers run concurrently
 */
public record AmqpSettings(String url, String virtualHost, String rpcExchange, String notificationExchange,
        String queuePrefix, int prefetch) {
    public static final String DEFAULT_RPC_EXCHANGE = "strato";
    public static final String DEFAULT_NOTIFICATION_EXCHANGE = "strato.notifications";
    public static final int DEFAULT_PREFETCH = 32;

    public AmqpSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(rpcExchange, "rpcExchange");
        Objects.requireNonNull(notificationExchange, "notificationExchange");
        Objects.requireNonNull(queuePrefix, "queuePrefix");
        if (rpcExchange.isEmpty() || notificationExchange.isEmpty() || rpcExchange.equals(notificationExchange)) {
            throw new IllegalArgumentException("the RPC and notification exchanges need two distinct, non-empty names");
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, not " + prefetch);
        }
    }

    /** The default names on the given broker. */
    public static AmqpSettings of(String url, String virtualHost) {
        return new AmqpSettings(url, virtualHost, DEFAULT_RPC_EXCHANGE, DEFAULT_NOTIFICATION_EXCHANGE, "",
                DEFAULT_PREFETCH);
    }

    /** The same settings with {@code prefix} in front of both exchange names and every queue name. */
    public AmqpSettings withNamePrefix(String prefix) {
        return new AmqpSettings(url, virtualHost, prefix + rpcExchange, prefix + notificationExchange,
                prefix + queuePrefix, prefetch);
    }

    /** The URL without user and password, for messages and logs. */
    public String redactedUrl() {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
    }
}
