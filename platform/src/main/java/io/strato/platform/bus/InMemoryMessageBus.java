package io.strato.platform.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The all-in-one message bus: delivery inside the JVM on virtual threads. Servers of a topic
 * take casts and calls round-robin, like consumers of one AMQP queue. A handler's exception
 * reaches the caller as a {@link RemoteCallException}; notification prefixes match whole
 * dot-separated words, as the AMQP bus's {@code prefix.#} bindings do.
 */
public final class InMemoryMessageBus implements MessageBus {
    private static final System.Logger LOG = System.getLogger("strato.bus");

    private final Map<String, List<Function<Message, JsonNode>>> servers = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, Consumer<Notification>>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    @Override
    public AutoCloseable serve(String topic, String server, Function<Message, JsonNode> handler) {
        ensureOpen();
        servers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
        String addressed = topic + "." + server;
        servers.computeIfAbsent(addressed, t -> new CopyOnWriteArrayList<>()).add(handler);
        return () -> {
            servers.getOrDefault(topic, List.of()).remove(handler);
            servers.getOrDefault(addressed, List.of()).remove(handler);
        };
    }

    @Override
    public JsonNode call(String topic, String server, Message message, Duration timeout) {
        Function<Message, JsonNode> handler = pick(topic, server, message);
        String address = address(topic, server);
        CompletableFuture<JsonNode> reply;
        try {
            reply = CompletableFuture.supplyAsync(() -> handler.apply(message), executor);
        } catch (RejectedExecutionException e) {
            throw new MessagingException("the message bus is closed");
        }
        long millis = Math.max(1, timeout.toMillis());
        try {
            JsonNode result = reply.get(millis, TimeUnit.MILLISECONDS);
            return result == null ? NullNode.instance : result;
        } catch (TimeoutException e) {
            throw new MessagingException("no reply to '" + message.method() + "' on topic " + address + " within "
                    + millis + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new RemoteCallException(address, message.method(), cause.getClass().getName(), cause.getMessage(),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted waiting for '" + message.method() + "' on topic " + address);
        }
    }

    @Override
    public void cast(String topic, String server, Message message) {
        Function<Message, JsonNode> handler = pick(topic, server, message);
        run(() -> {
            try {
                handler.apply(message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cast " + message.method() + " on topic " + topic + " failed", e);
            }
        });
    }

    @Override
    public void notify(Notification notification) {
        ensureOpen();
        for (Map.Entry<String, Consumer<Notification>> listener : listeners) {
            if (EventTypes.matches(listener.getKey(), notification.eventType())) {
                run(() -> {
                    try {
                        listener.getValue().accept(notification);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "a listener for " + notification.eventType() + " failed", e);
                    }
                });
            }
        }
    }

    @Override
    public AutoCloseable subscribe(String eventTypePrefix, Consumer<Notification> listener) {
        ensureOpen();
        Map.Entry<String, Consumer<Notification>> entry = Map.entry(EventTypes.normalize(eventTypePrefix), listener);
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }

    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            throw new MessagingException("the message bus is closed");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new MessagingException("the message bus is closed");
        }
    }

    private Function<Message, JsonNode> pick(String topic, String server, Message message) {
        ensureOpen();
        List<Function<Message, JsonNode>> candidates = servers.get(server == null ? topic : topic + "." + server);
        if (candidates == null || candidates.isEmpty()) {
            throw new MessagingException("nothing serves topic " + address(topic, server) + " for '"
                    + message.method() + "'");
        }
        try {
            return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
        } catch (IndexOutOfBoundsException e) {
            return pick(topic, server, message); // a server left between the size and the get
        }
    }

    private static String address(String topic, String server) {
        return server == null ? topic : topic + " on server " + server;
    }
}
