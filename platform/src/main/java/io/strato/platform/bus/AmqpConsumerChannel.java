package io.strato.platform.bus;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A channel of its own for one server or subscriber. Each delivery is handled on a virtual
 * thread and acknowledged when its handler returns (or fails), so the prefetch bounds how many
 * handlers run at once and a message whose handler never finished goes back to the queue.
 * Closing cancels the consumers, lets running handlers finish (within a grace period) and
 * closes the channel.
 */
final class AmqpConsumerChannel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("strato.bus");

    /** Handles one delivery; runs on a virtual thread; the delivery is acknowledged afterwards. */
    interface Handler {
        void handle(Delivery delivery);
    }

    private final Channel channel;
    private final String description;
    private final Duration grace;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<String> consumerTags = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    AmqpConsumerChannel(Connection connection, int prefetch, String description, Duration grace)
            throws IOException {
        Channel created = connection.createChannel();
        if (created == null) {
            throw new IOException("the broker has no channel left for this connection");
        }
        this.channel = created;
        this.description = description;
        this.grace = grace;
        channel.basicQos(prefetch);
    }

    Channel channel() {
        return channel;
    }

    void consume(String queue, Handler handler) throws IOException {
        String tag = channel.basicConsume(queue, false, (consumerTag, delivery) -> dispatch(handler, delivery),
                consumerTag -> LOG.log(System.Logger.Level.WARNING,
                        "the broker cancelled consuming " + queue + " for " + description));
        consumerTags.add(tag);
    }

    private void dispatch(Handler handler, Delivery delivery) {
        try {
            handlers.execute(() -> {
                try {
                    handler.handle(delivery);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "handling a message for " + description + " failed", e);
                } finally {
                    acknowledge(delivery.getEnvelope().getDeliveryTag());
                }
            });
        } catch (RejectedExecutionException e) {
            // closing: left unacknowledged, the broker requeues it when the channel closes
        }
    }

    private void acknowledge(long deliveryTag) {
        try {
            channel.basicAck(deliveryTag, false);
        } catch (IOException | ShutdownSignalException e) {
            // the channel went away: the broker requeues the message; recovery drops stale tags
            LOG.log(System.Logger.Level.DEBUG, "could not acknowledge a message for " + description + ": " + e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (String tag : consumerTags) {
            try {
                if (channel.isOpen()) {
                    channel.basicCancel(tag);
                }
            } catch (IOException | ShutdownSignalException e) {
                LOG.log(System.Logger.Level.DEBUG, "cancelling " + tag + " for " + description + ": " + e);
            }
        }
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "handlers for " + description + " still running after "
                        + grace.toSeconds() + " s; their messages go back to the queue");
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the channel for " + description + ": " + e);
        }
    }
}
