package io.strato.platform.bus;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The all-in-one message bus: delivery inside the JVM on virtual threads. Servers of a topic
 * take casts and calls round-robin, like consumers of one AMQP queue.
 */
public final class InMemoryMessageBus implements MessageBus {
    private static final System.Logger LOG = System.getLogger("strato.bus");

    private final Map<String, List<Function<Message, JsonNode>>> servers = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, Consumer<Notification>>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public AutoCloseable serve(String topic, String server, Function<Message, JsonNode> handler) {
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
        Function<Message, JsonNode> handler = pick(topic, server);
        CompletableFuture<JsonNode> reply = CompletableFuture.supplyAsync(() -> handler.apply(message), executor);
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new MessagingException("no reply to " + message.method() + " on " + topic + " within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new MessagingException(cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted waiting for " + message.method());
        }
    }

    @Override
    public void cast(String topic, String server, Message message) {
        Function<Message, JsonNode> handler = pick(topic, server);
        executor.execute(() -> {
            try {
                handler.apply(message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cast " + message.method() + " on " + topic + " failed", e);
            }
        });
    }

    @Override
    public void notify(Notification notification) {
        for (Map.Entry<String, Consumer<Notification>> listener : listeners) {
            if (notification.eventType().startsWith(listener.getKey())) {
                executor.execute(() -> listener.getValue().accept(notification));
            }
        }
    }

    @Override
    public AutoCloseable subscribe(String eventTypePrefix, Consumer<Notification> listener) {
        Map.Entry<String, Consumer<Notification>> entry = Map.entry(eventTypePrefix, listener);
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Function<Message, JsonNode> pick(String topic, String server) {
        List<Function<Message, JsonNode>> candidates = servers.get(server == null ? topic : topic + "." + server);
        if (candidates == null || candidates.isEmpty()) {
            throw new MessagingException("nothing serves topic " + topic + (server == null ? "" : " on " + server));
        }
        return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }
}
