package io.strato.platform.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import io.strato.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The multi-node message bus: RabbitMQ over AMQP 0-9-1, laid out as oslo.messaging's rabbit
 * driver lays it out.
 *
 * <ul>
 * <li>RPC: a durable topic exchange ({@code strato}). Each server of a topic consumes the shared
 * durable queue {@code topic} (bound with key {@code topic}; the broker hands its messages
 * round-robin to the servers) and its own durable queue {@code topic.server} (bound with key
 * {@code topic.server}, expiring after {@value #SERVER_QUEUE_EXPIRY_MINUTES} minutes unused).
 * A call is published with the {@code mandatory} flag, a correlation id, {@code reply-to}
 * {@code amq.rabbitmq.reply-to} (direct reply-to) and an expiration equal to its timeout; the
 * server publishes the reply to the default exchange. A cast is the same without reply-to.
 * Bodies are JSON: {@code {"method": ..., "args": ...}}; replies {@code {"result": ...}} or
 * {@code {"failure": {"type": ..., "message": ...}}}.</li>
 * <li>Notifications: a durable topic exchange ({@code strato.notifications}), routing key = the
 * event type; each subscriber has an exclusive, auto-deleted queue bound with
 * {@code prefix.#} (or {@code #} for the empty prefix), so a prefix matches whole words.</li>
 * </ul>
 *
 * <p>Messages are transient (RPC is answered by the living or not at all). Servers and
 * subscribers each get a channel of their own and run handlers on virtual threads, acknowledging
 * a message once its handler returns; all publishing goes through one locked channel. The
 * connection recovers automatically, with its exchanges, queues, bindings and consumers.
 */
public final class AmqpMessageBus implements MessageBus {
    static final int SERVER_QUEUE_EXPIRY_MINUTES = 30;
    private static final System.Logger LOG = System.getLogger("strato.bus");
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final String JSON = "application/json";

    private final AmqpSettings settings;
    private final Connection connection;
    private final AmqpPublisher publisher;
    private final Map<String, PendingCall> pending = new ConcurrentHashMap<>();
    private final Set<AmqpConsumerChannel> consumers = ConcurrentHashMap.newKeySet();
    private final Set<String> declaredQueues = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Connects to {@code url} (such as {@code amqp://guest:guest@127.0.0.1:5672/}) and virtual host. */
    public AmqpMessageBus(String url, String virtualHost) {
        this(AmqpSettings.of(url, virtualHost));
    }

    public AmqpMessageBus(AmqpSettings settings) {
        this.settings = settings;
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(settings.url());
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an AMQP URL: " + settings.redactedUrl());
        }
        factory.setVirtualHost(virtualHost(settings));
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setConnectionTimeout(10_000);
        factory.setExceptionHandler(new LoggingExceptionHandler());
        Connection opened;
        try {
            opened = factory.newConnection(settings.queuePrefix().isEmpty() ? "strato" : "strato " + settings.queuePrefix());
        } catch (IOException | TimeoutException e) {
            throw new MessagingException("cannot connect to RabbitMQ at " + settings.redactedUrl() + " (virtual host "
                    + factory.getVirtualHost() + "): " + e.getMessage(), e);
        }
        this.connection = opened;
        try {
            this.publisher = new AmqpPublisher(connection, new PublisherEvents());
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw new MessagingException("cannot set up messaging on " + settings.redactedUrl() + ": " + reason(e), e);
        }
    }

    private static String virtualHost(AmqpSettings settings) {
        if (settings.virtualHost() != null) {
            return settings.virtualHost();
        }
        String path = URI.create(settings.url()).getPath();
        return path == null || path.isEmpty() || path.equals("/") ? "/" : path.substring(1);
    }

    @Override
    public AutoCloseable serve(String topic, String server, Function<Message, JsonNode> handler) {
        requireName(topic, "topic");
        requireName(server, "server");
        ensureOpen();
        String serverKey = topic + "." + server;
        String topicQueue = settings.queuePrefix() + topic;
        String serverQueue = settings.queuePrefix() + serverKey;
        AmqpConsumerChannel consumer = null;
        try {
            consumer = new AmqpConsumerChannel(connection, settings.prefetch(),
                    "server " + server + " of topic " + topic, SHUTDOWN_GRACE);
            Channel channel = consumer.channel();
            channel.exchangeDeclare(settings.rpcExchange(), BuiltinExchangeType.TOPIC, true, false, null);
            channel.queueDeclare(topicQueue, true, false, false, null);
            declaredQueues.add(topicQueue);
            channel.queueBind(topicQueue, settings.rpcExchange(), topic);
            channel.queueDeclare(serverQueue, true, false, false,
                    Map.of("x-expires", TimeUnit.MINUTES.toMillis(SERVER_QUEUE_EXPIRY_MINUTES)));
            declaredQueues.add(serverQueue);
            channel.queueBind(serverQueue, settings.rpcExchange(), serverKey);
            consumer.consume(topicQueue, delivery -> answer(topic, server, handler, delivery));
            consumer.consume(serverQueue, delivery -> answer(topic, server, handler, delivery));
        } catch (IOException | RuntimeException e) {
            if (consumer != null) {
                consumer.close();
            }
            throw new MessagingException("cannot serve topic " + topic + " as " + server + ": " + reason(e), e);
        }
        return register(consumer);
    }

    private void answer(String topic, String server, Function<Message, JsonNode> handler, Delivery delivery) {
        AMQP.BasicProperties properties = delivery.getProperties();
        String replyTo = properties.getReplyTo();
        String method = properties.getType();
        ObjectNode reply = Json.object();
        try {
            JsonNode body = Json.parse(delivery.getBody());
            method = body.path("method").asText();
            JsonNode result = handler.apply(new Message(method, body.get("args")));
            reply.set("result", result == null ? NullNode.instance : result);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "dropped a malformed message on topic " + topic + ": " + e.getMessage());
            reply.set("failure", failure("MalformedMessage", "the message body is not JSON"));
        } catch (RuntimeException e) {
            LOG.log(replyTo == null ? System.Logger.Level.ERROR : System.Logger.Level.WARNING,
                    (replyTo == null ? "cast " : "call ") + method + " on topic " + topic + " (server " + server
                            + ") failed", e);
            reply.set("failure", failure(e.getClass().getName(), e.getMessage()));
        }
        if (replyTo == null) {
            return;
        }
        AMQP.BasicProperties replyProperties = new AMQP.BasicProperties.Builder()
                .contentType(JSON).correlationId(properties.getCorrelationId()).deliveryMode(1).build();
        try {
            publisher.publish("", replyTo, false, replyProperties, Json.bytes(reply));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not reply to " + method + " on topic " + topic + ": " + reason(e));
        }
    }

    private static ObjectNode failure(String type, String message) {
        ObjectNode failure = Json.object();
        failure.put("type", type);
        failure.put("message", message);
        return failure;
    }

    @Override
    public JsonNode call(String topic, String server, Message message, Duration timeout) {
        requireName(topic, "topic");
        ensureOpen();
        String address = address(topic, server);
        String correlationId = UUID.randomUUID().toString();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(correlationId, new PendingCall(reply));
        long millis = Math.max(1, timeout.toMillis());
        try {
            AMQP.BasicProperties properties = requestProperties(message.method())
                    .correlationId(correlationId)
                    .replyTo(AmqpPublisher.DIRECT_REPLY_TO)
                    .expiration(Long.toString(millis))
                    .build();
            publish(settings.rpcExchange(), routingKey(topic, server), true, properties, request(message), message, address);
            Reply outcome = reply.get(millis, TimeUnit.MILLISECONDS);
            return switch (outcome) {
                case Reply.Result result -> result.value();
                case Reply.Failure failure ->
                        throw new RemoteCallException(address, message.method(), failure.type(), failure.message(), null);
                case Reply.Undeliverable undeliverable -> throw new MessagingException("nothing serves topic " + address
                        + " for '" + message.method() + "': " + undeliverable.reason());
                case Reply.Lost lost -> throw new MessagingException("no reply to '" + message.method() + "' on topic "
                        + address + ": " + lost.reason());
            };
        } catch (TimeoutException e) {
            throw new MessagingException("no reply to '" + message.method() + "' on topic " + address + " within "
                    + millis + " ms");
        } catch (ExecutionException e) {
            throw new MessagingException("no reply to '" + message.method() + "' on topic " + address + ": "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted waiting for '" + message.method() + "' on topic " + address);
        } finally {
            pending.remove(correlationId);
        }
    }

    @Override
    public void cast(String topic, String server, Message message) {
        requireName(topic, "topic");
        ensureOpen();
        publish(settings.rpcExchange(), routingKey(topic, server), true, requestProperties(message.method()).build(),
                request(message), message, address(topic, server));
    }

    @Override
    public void notify(Notification notification) {
        requireName(notification.eventType(), "event type");
        ensureOpen();
        ObjectNode body = Json.object();
        String id = UUID.randomUUID().toString();
        body.put("message_id", id);
        body.put("event_type", notification.eventType());
        body.put("publisher_id", notification.publisherId());
        body.put("timestamp", Instant.now().toString());
        if (notification.payload() != null) {
            body.set("payload", notification.payload());
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(JSON).deliveryMode(1).messageId(id).type(notification.eventType()).appId("strato")
                .timestamp(new Date()).build();
        try {
            publisher.publish(settings.notificationExchange(), notification.eventType(), false, properties,
                    Json.bytes(body));
        } catch (IOException | com.rabbitmq.client.ShutdownSignalException e) {
            throw new MessagingException("cannot publish notification " + notification.eventType() + ": " + reason(e), e);
        }
    }

    @Override
    public AutoCloseable subscribe(String eventTypePrefix, Consumer<Notification> listener) {
        String prefix = EventTypes.normalize(eventTypePrefix);
        if (prefix.contains("*") || prefix.contains("#")) {
            throw new IllegalArgumentException("an event type prefix cannot hold AMQP wildcards: " + eventTypePrefix);
        }
        ensureOpen();
        AmqpConsumerChannel consumer = null;
        try {
            consumer = new AmqpConsumerChannel(connection, settings.prefetch(),
                    "subscriber to " + (prefix.isEmpty() ? "all notifications" : prefix), SHUTDOWN_GRACE);
            Channel channel = consumer.channel();
            channel.exchangeDeclare(settings.notificationExchange(), BuiltinExchangeType.TOPIC, true, false, null);
            String queue = settings.queuePrefix() + "notifications." + (prefix.isEmpty() ? "all" : prefix) + "."
                    + UUID.randomUUID().toString().substring(0, 8);
            channel.queueDeclare(queue, false, true, true, null);
            channel.queueBind(queue, settings.notificationExchange(), prefix.isEmpty() ? "#" : prefix + ".#");
            consumer.consume(queue, delivery -> deliver(prefix, listener, delivery));
        } catch (IOException | RuntimeException e) {
            if (consumer != null) {
                consumer.close();
            }
            throw new MessagingException("cannot subscribe to notifications " + prefix + ": " + reason(e), e);
        }
        return register(consumer);
    }

    private void deliver(String prefix, Consumer<Notification> listener, Delivery delivery) {
        JsonNode body;
        try {
            body = Json.parse(delivery.getBody());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "dropped a malformed notification: " + e.getMessage());
            return;
        }
        String eventType = body.path("event_type").asText();
        if (EventTypes.matches(prefix, eventType)) {
            JsonNode publisher = body.get("publisher_id");
            listener.accept(new Notification(eventType, publisher == null || publisher.isNull() ? null : publisher.asText(),
                    body.get("payload")));
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Thread> closing = new ArrayList<>();
        for (AmqpConsumerChannel consumer : consumers) {
            closing.add(Thread.ofVirtual().start(consumer::close));
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        publisher.close();
        failPending("the message bus closed");
        closeQuietly();
    }

    /** The queues this bus declared (durable ones outlive it), for tests that clean up after themselves. */
    Set<String> declaredQueues() {
        return Set.copyOf(declaredQueues);
    }

    private AutoCloseable register(AmqpConsumerChannel consumer) {
        consumers.add(consumer);
        if (closed.get()) {
            consumer.close();
            throw new MessagingException("the message bus is closed");
        }
        return () -> {
            consumer.close();
            consumers.remove(consumer);
        };
    }

    private void publish(String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties properties,
            byte[] body, Message message, String address) {
        try {
            publisher.publish(exchange, routingKey, mandatory, properties, body);
        } catch (IOException | com.rabbitmq.client.ShutdownSignalException e) {
            throw new MessagingException("cannot send '" + message.method() + "' to topic " + address + ": " + reason(e), e);
        }
    }

    private static AMQP.BasicProperties.Builder requestProperties(String method) {
        return new AMQP.BasicProperties.Builder()
                .contentType(JSON).deliveryMode(1).messageId(UUID.randomUUID().toString()).type(method)
                .appId("strato").timestamp(new Date());
    }

    private static byte[] request(Message message) {
        ObjectNode body = Json.object();
        body.put("method", message.method());
        if (message.arguments() != null) {
            body.set("args", message.arguments());
        }
        return Json.bytes(body);
    }

    private static String routingKey(String topic, String server) {
        if (server == null) {
            return topic;
        }
        requireName(server, "server");
        return topic + "." + server;
    }

    private static String address(String topic, String server) {
        return server == null ? topic : topic + " on server " + server;
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        if (name.contains("*") || name.contains("#")) {
            throw new IllegalArgumentException("a " + what + " cannot hold AMQP wildcards (* or #): " + name);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new MessagingException("the message bus is closed");
        }
    }

    private void failPending(String reason) {
        for (PendingCall call : pending.values()) {
            call.reply().complete(new Reply.Lost(reason));
        }
    }

    private void closeQuietly() {
        try {
            if (connection.isOpen()) {
                connection.close(5_000);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the AMQP connection: " + e);
        }
    }

    private static String reason(Throwable e) {
        if (e instanceof com.rabbitmq.client.ShutdownSignalException signal) {
            return AmqpPublisher.describe(signal);
        }
        if (e.getCause() instanceof com.rabbitmq.client.ShutdownSignalException signal) {
            return AmqpPublisher.describe(signal);
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Leaves channels open on listener errors and logs what the client reports to System.Logger. */
    private static final class LoggingExceptionHandler extends ForgivingExceptionHandler {
        @Override
        protected void log(String message, Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "AMQP client: " + message, e);
        }
    }

    private record PendingCall(CompletableFuture<Reply> reply) {
    }

    /** How a call ended, as the connection thread learns it; the caller turns it into a value or exception. */
    private sealed interface Reply {
        record Result(JsonNode value) implements Reply {
        }

        record Failure(String type, String message) implements Reply {
        }

        record Undeliverable(String reason) implements Reply {
        }

        record Lost(String reason) implements Reply {
        }
    }

    private final class PublisherEvents implements AmqpPublisher.Events {
        @Override
        public void reply(AMQP.BasicProperties properties, byte[] body) {
            PendingCall call = properties.getCorrelationId() == null ? null : pending.get(properties.getCorrelationId());
            if (call == null) {
                LOG.log(System.Logger.Level.DEBUG, "dropped a reply nobody waits for any more");
                return;
            }
            Reply reply;
            try {
                JsonNode parsed = Json.parse(body);
                JsonNode failure = parsed.get("failure");
                if (failure != null && !failure.isNull()) {
                    JsonNode message = failure.get("message");
                    reply = new Reply.Failure(failure.path("type").asText(),
                            message == null || message.isNull() ? null : message.asText());
                } else {
                    JsonNode result = parsed.get("result");
                    reply = new Reply.Result(result == null ? NullNode.instance : result);
                }
            } catch (IOException e) {
                reply = new Reply.Lost("the reply is not JSON");
            }
            call.reply().complete(reply);
        }

        @Override
        public void returned(String routingKey, String reason, AMQP.BasicProperties properties) {
            PendingCall call = properties.getCorrelationId() == null ? null : pending.get(properties.getCorrelationId());
            String why = "no queue is bound to routing key " + routingKey + " on exchange " + settings.rpcExchange()
                    + " (" + reason + ")";
            if (call != null) {
                call.reply().complete(new Reply.Undeliverable(why));
            } else {
                LOG.log(System.Logger.Level.WARNING, "cast " + properties.getType() + " was dropped: " + why);
            }
        }

        @Override
        public void lost(String reason) {
            if (!closed.get()) {
                LOG.log(System.Logger.Level.WARNING, "the AMQP publishing channel closed: " + reason);
            }
            failPending(reason);
        }

        @Override
        public void declare(Channel channel) throws IOException {
            channel.exchangeDeclare(settings.rpcExchange(), BuiltinExchangeType.TOPIC, true, false, null);
            channel.exchangeDeclare(settings.notificationExchange(), BuiltinExchangeType.TOPIC, true, false, null);
        }
    }
}
