package io.strato.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.strato.platform.json.Json;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract against the RabbitMQ on the loopback (or STRATO_TEST_AMQP_URL), servers and
 * callers on two connections as on two nodes. Each test declares its exchanges and queues under
 * a prefix of its own and deletes them afterwards. Without a broker the tests are skipped,
 * except in CI (CI=true), where that is a failure.
 */
class AmqpMessageBusTest extends MessageBusContract {
    static final String URL = System.getenv().getOrDefault("STRATO_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/");
    static final String VIRTUAL_HOST = System.getenv().getOrDefault("STRATO_TEST_AMQP_VHOST", "/");

    /** Why the broker could not be reached, once a test found out, so the others skip at once. */
    private static volatile String unreachable;

    private AmqpSettings settings;
    private final Set<String> queues = new HashSet<>();

    @Override
    protected MessageBus openBus() {
        settings = AmqpSettings.of(URL, VIRTUAL_HOST)
                .withNamePrefix("strato-test-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        boolean required = "true".equals(System.getenv("CI"));
        if (unreachable != null && !required) {
            Assumptions.abort(unreachable);
        }
        try {
            return new AmqpMessageBus(settings);
        } catch (MessagingException e) {
            if (required) {
                throw new IllegalStateException("RabbitMQ is required in CI but unreachable at "
                        + settings.redactedUrl(), e);
            }
            unreachable = "RabbitMQ is not reachable at " + settings.redactedUrl() + ": " + e.getMessage();
            Assumptions.abort(unreachable);
            throw e;
        }
    }

    @Override
    protected MessageBus openClient(MessageBus bus) {
        return new AmqpMessageBus(settings);
    }

    @Override
    protected void cleanUp() {
        if (settings == null) {
            return;
        }
        for (MessageBus opened : new MessageBus[] {bus, client}) {
            if (opened instanceof AmqpMessageBus amqp) {
                queues.addAll(amqp.declaredQueues());
            }
        }
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(URL);
            factory.setVirtualHost(VIRTUAL_HOST);
            try (Connection connection = factory.newConnection("strato-test-cleanup")) {
                for (String queue : queues) {
                    try (Channel channel = connection.createChannel()) {
                        channel.queueDelete(queue);
                    }
                }
                try (Channel channel = connection.createChannel()) {
                    channel.exchangeDelete(settings.rpcExchange());
                    channel.exchangeDelete(settings.notificationExchange());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not delete the test's exchanges and queues", e);
        }
    }

    @Test
    void declaresTheTopologyOsloMessagingWould() throws Exception {
        bus.serve("conductor", "ctl1", message -> null);
        String prefix = settings.queuePrefix();
        assertEquals(Set.of(prefix + "conductor", prefix + "conductor.ctl1"), ((AmqpMessageBus) bus).declaredQueues());

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URL);
        factory.setVirtualHost(VIRTUAL_HOST);
        try (Connection connection = factory.newConnection("strato-test-inspect");
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclarePassive(settings.rpcExchange());
            channel.exchangeDeclarePassive(settings.notificationExchange());
            assertEquals(1, channel.queueDeclarePassive(prefix + "conductor").getConsumerCount());
            assertEquals(1, channel.queueDeclarePassive(prefix + "conductor.ctl1").getConsumerCount());
        }
    }

    @Test
    void thePublishingChannelSurvivesAChannelError() throws Exception {
        bus.serve("compute", "host1", message -> Json.object().put("ok", true));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URL);
        factory.setVirtualHost(VIRTUAL_HOST);
        try (Connection connection = factory.newConnection("strato-test-sabotage");
                Channel channel = connection.createChannel()) {
            channel.exchangeDelete(settings.notificationExchange());
        }

        client.notify(new MessageBus.Notification("compute.instance.create", "compute.host1", Json.object()));

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                assertTrue(client.call("compute", null, new MessageBus.Message("ping", null), SHORT).get("ok").asBoolean());
                break;
            } catch (MessagingException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Test
    void refusesWildcardsInNames() {
        assertThrows(IllegalArgumentException.class, () -> bus.serve("compute.*", "host1", message -> null));
        assertThrows(IllegalArgumentException.class, () -> bus.subscribe("identity.#", notification -> { }));
    }

    @Test
    void anUnreachableBrokerIsAClearError() {
        MessagingException failure = assertThrows(MessagingException.class,
                () -> new AmqpMessageBus("amqp://guest:secret@127.0.0.1:1/", "/"));
        assertTrue(failure.getMessage().contains("127.0.0.1:1"), failure.getMessage());
        assertTrue(!failure.getMessage().contains("secret"), "no password in " + failure.getMessage());
    }

}
