package io.strato.platform.bus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Messaging between the parts of a service, as oslo.messaging offers it: RPC {@code call}
 * (waits for a reply), {@code cast} (fire and forget) on a topic, optionally addressed to one
 * server, and notifications that any number of listeners receive.
 */
public interface MessageBus extends AutoCloseable {
    /** A message body: method name and JSON arguments. */
    record Message(String method, JsonNode arguments) {
    }

    /** A notification: event type such as {@code identity.user.created}, publisher and payload. */
    record Notification(String eventType, String publisherId, JsonNode payload) {
    }

    /** Serves RPC messages for a topic (and for {@code topic.server}); returns the reply. */
    AutoCloseable serve(String topic, String server, Function<Message, JsonNode> handler);

    JsonNode call(String topic, String server, Message message, Duration timeout);

    void cast(String topic, String server, Message message);

    void notify(Notification notification);

    AutoCloseable subscribe(String eventTypePrefix, Consumer<Notification> listener);

    @Override
    void close();
}
