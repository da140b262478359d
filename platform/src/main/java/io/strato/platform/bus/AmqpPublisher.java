package io.strato.platform.bus;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one channel a bus publishes on (calls, casts, replies, notifications), guarded by a lock
 * because channels are not safe for concurrent publishing. It also consumes direct replies
 * ({@code amq.rabbitmq.reply-to}), which RabbitMQ delivers only to the channel that published
 * the call. A channel the broker closed (a channel error) is replaced on the next publish; one
 * closed with the connection is restored, with its reply consumer, by automatic recovery.
 */
final class AmqpPublisher implements AutoCloseable {
    static final String DIRECT_REPLY_TO = "amq.rabbitmq.reply-to";

    /** What happens to the channel's direct replies, returned messages and closing. */
    interface Events {
        void reply(AMQP.BasicProperties properties, byte[] body);

        void returned(String routingKey, String reason, AMQP.BasicProperties properties);

        void lost(String reason);

        /** Declares what the channel needs (exchanges); runs on each new channel. */
        void declare(Channel channel) throws IOException;
    }

    private final Connection connection;
    private final Events events;
    private final ReentrantLock lock = new ReentrantLock();
    private Channel channel;
    /** The broker closed the channel (a channel error); connection loss is left to recovery. */
    private volatile boolean broken;
    private boolean closed;

    AmqpPublisher(Connection connection, Events events) throws IOException {
        this.connection = connection;
        this.events = events;
        lock.lock();
        try {
            channel = open();
        } finally {
            lock.unlock();
        }
    }

    void publish(String exchange, String routingKey, boolean mandatory, AMQP.BasicProperties properties,
            byte[] body) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new MessagingException("the message bus is closed");
            }
            if (broken) {
                channel = open();
            }
            channel.basicPublish(exchange, routingKey, mandatory, properties, body);
        } finally {
            lock.unlock();
        }
    }

    /** Runs a declaration on the publishing channel (under the lock). */
    void declare(Declaration declaration) throws IOException {
        lock.lock();
        try {
            if (broken) {
                channel = open();
            }
            declaration.run(channel);
        } finally {
            lock.unlock();
        }
    }

    interface Declaration {
        void run(Channel channel) throws IOException;
    }

    private Channel open() throws IOException {
        Channel created = connection.createChannel();
        if (created == null) {
            throw new IOException("the broker has no channel left for this connection");
        }
        created.addReturnListener((ReturnListener) (replyCode, replyText, exchange, routingKey, properties, body) ->
                events.returned(routingKey, replyCode + " " + replyText, properties));
        created.addShutdownListener((ShutdownListener) cause -> {
            if (!cause.isHardError() && !cause.isInitiatedByApplication()) {
                broken = true;
            }
            events.lost(describe(cause));
        });
        events.declare(created);
        DeliverCallback replies = (tag, delivery) -> events.reply(delivery.getProperties(), delivery.getBody());
        created.basicConsume(DIRECT_REPLY_TO, true, replies, tag -> { });
        broken = false;
        return created;
    }

    static String describe(ShutdownSignalException cause) {
        Object reason = cause.getReason();
        if (reason instanceof AMQP.Channel.Close close) {
            return "channel closed by the broker: " + close.getReplyText();
        }
        if (reason instanceof AMQP.Connection.Close close) {
            return "connection closed: " + close.getReplyText();
        }
        return cause.isInitiatedByApplication() ? "closed by the application" : "connection lost: " + cause.getMessage();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            // the connection is going away anyway
        } finally {
            lock.unlock();
        }
    }
}
