package io.strato.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strato.platform.bus.MessageBus.Message;
import io.strato.platform.bus.MessageBus.Notification;
import io.strato.platform.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageBus} does. Servers run on {@link #bus}; callers use {@link #client},
 * which an implementation that crosses processes opens as a second connection to the same
 * broker. Waits for something that should happen are generous; waits to see that something
 * does not happen are short, and come after something later has been seen to happen.
 */
public abstract class MessageBusContract {
    /** For calls and deliveries that must succeed: long enough never to fail a healthy run. */
    protected static final Duration PATIENCE = Duration.ofSeconds(20);
    /** For calls that must fail. */
    protected static final Duration SHORT = Duration.ofMillis(300);
    /** How long to look for a delivery that must not happen. */
    private static final long QUIET_MILLIS = 300;

    protected MessageBus bus;
    protected MessageBus client;

    /** A fresh bus. */
    protected abstract MessageBus openBus();

    /** A bus that reaches the servers of {@code bus}; by default {@code bus} itself. */
    protected MessageBus openClient(MessageBus bus) {
        return bus;
    }

    /** Runs after both buses closed (delete broker state). */
    protected void cleanUp() {
    }

    @BeforeEach
    void openBuses() {
        bus = openBus();
        client = openClient(bus);
    }

    @AfterEach
    void closeBuses() {
        if (bus == null) {
            return; // skipped while opening
        }
        try {
            if (client != null && client != bus) {
                client.close();
            }
            bus.close();
        } finally {
            cleanUp();
        }
    }

    private static Message message(String method, String key, Object value) {
        ObjectNode arguments = Json.object();
        arguments.set(key, Json.tree(value));
        return new Message(method, arguments);
    }

    /** A server that answers with its name and the arguments and counts what it handled. */
    private AtomicInteger serveEcho(String topic, String server) {
        AtomicInteger handled = new AtomicInteger();
        bus.serve(topic, server, message -> {
            handled.incrementAndGet();
            ObjectNode reply = Json.object();
            reply.put("server", server);
            reply.put("method", message.method());
            reply.set("arguments", message.arguments());
            return reply;
        });
        return handled;
    }

    @Test
    void callGetsTheReply() {
        serveEcho("compute", "host1");
        ObjectNode arguments = Json.object();
        arguments.put("name", "vm-1");
        arguments.putArray("networks").add("net-a").add(Json.object().put("port", 7));
        arguments.putNull("image");

        JsonNode reply = client.call("compute", null, new Message("build_instance", arguments), PATIENCE);

        assertEquals("host1", reply.get("server").asText());
        assertEquals("build_instance", reply.get("method").asText());
        assertEquals(arguments, reply.get("arguments"));
    }

    @Test
    void callToAServerReachesOnlyThatServer() {
        AtomicInteger first = serveEcho("compute", "host1");
        AtomicInteger second = serveEcho("compute", "host2");

        for (int i = 0; i < 6; i++) {
            JsonNode reply = client.call("compute", "host2", message("ping", "i", i), PATIENCE);
            assertEquals("host2", reply.get("server").asText());
        }
        assertEquals(0, first.get());
        assertEquals(6, second.get());
        assertEquals("host1", client.call("compute", "host1", message("ping", "i", 0), PATIENCE)
                .get("server").asText());
    }

    @Test
    void handlerReturningNullGivesJsonNull() {
        bus.serve("compute", "host1", message -> null);

        JsonNode reply = client.call("compute", null, message("nothing", "x", 1), PATIENCE);

        assertTrue(reply.isNull(), "a JSON null, not " + reply);
    }

    @Test
    void castIsDelivered() throws InterruptedException {
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        bus.serve("compute", "host1", message -> {
            received.add(message);
            return null;
        });

        client.cast("compute", null, message("reboot", "id", "vm-1"));

        Message message = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("reboot", message.method());
        assertEquals("vm-1", message.arguments().get("id").asText());
    }

    @Test
    void castToAServerReachesOnlyThatServer() throws InterruptedException {
        BlockingQueue<String> handledBy = new LinkedBlockingQueue<>();
        for (String server : List.of("host1", "host2")) {
            bus.serve("compute", server, message -> {
                handledBy.add(server);
                return null;
            });
        }

        for (int i = 0; i < 4; i++) {
            client.cast("compute", "host1", message("reboot", "i", i));
        }

        for (int i = 0; i < 4; i++) {
            assertEquals("host1", handledBy.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        }
        assertEquals(null, handledBy.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS));
    }

    @Test
    void castsToATopicAreSharedByItsServers() throws InterruptedException {
        int count = 20;
        Map<Integer, AtomicInteger> timesHandled = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perServer = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(count);
        for (String server : List.of("host1", "host2")) {
            perServer.put(server, new AtomicInteger());
            bus.serve("compute", server, message -> {
                timesHandled.computeIfAbsent(message.arguments().get("i").asInt(), i -> new AtomicInteger())
                        .incrementAndGet();
                perServer.get(server).incrementAndGet();
                all.countDown();
                return null;
            });
        }

        for (int i = 0; i < count; i++) {
            client.cast("compute", null, message("refresh", "i", i));
        }

        assertTrue(all.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "every cast handled");
        Thread.sleep(QUIET_MILLIS);
        assertEquals(count, timesHandled.size());
        timesHandled.forEach((i, times) -> assertEquals(1, times.get(), "cast " + i + " handled once"));
        perServer.forEach((server, handled) -> assertTrue(handled.get() > 0, server + " got some casts"));
        assertEquals(count, perServer.values().stream().mapToInt(AtomicInteger::get).sum());
    }

    @Test
    void handlerExceptionReachesTheCaller() {
        bus.serve("compute", "host1", message -> {
            if (message.method().equals("fail")) {
                throw new IllegalStateException("disk full on host1");
            }
            return Json.object().put("ok", true);
        });

        MessagingException failure = assertThrows(MessagingException.class,
                () -> client.call("compute", null, message("fail", "x", 1), PATIENCE));

        assertTrue(failure.getMessage().contains("disk full on host1"), failure.getMessage());
        RemoteCallException remote = assertInstanceOf(RemoteCallException.class, failure);
        assertEquals(IllegalStateException.class.getName(), remote.remoteType());
        assertEquals("disk full on host1", remote.remoteMessage());
        assertTrue(client.call("compute", null, message("work", "x", 1), PATIENCE).get("ok").asBoolean(),
                "the server keeps serving");
    }

    @Test
    void callThatNothingServesFailsWithinItsTimeout() {
        MessagingException failure = assertTimeoutPreemptively(PATIENCE, () -> assertThrows(MessagingException.class,
                () -> client.call("nobody", null, message("hello", "x", 1), SHORT)));

        assertTrue(failure.getMessage().contains("nobody"), failure.getMessage());
        assertTrue(failure.getMessage().contains("hello"), failure.getMessage());
    }

    @Test
    void callToAnAbsentServerFailsWithinItsTimeout() {
        serveEcho("compute", "host1");

        MessagingException failure = assertTimeoutPreemptively(PATIENCE, () -> assertThrows(MessagingException.class,
                () -> client.call("compute", "host9", message("hello", "x", 1), SHORT)));

        assertTrue(failure.getMessage().contains("host9"), failure.getMessage());
    }

    @Test
    void callWhoseHandlerDoesNotAnswerInTimeTimesOut() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        bus.serve("compute", "host1", message -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Json.object();
        });
        try {
            MessagingException failure = assertTimeoutPreemptively(PATIENCE, () -> assertThrows(
                    MessagingException.class, () -> client.call("compute", null, message("slow", "x", 1), SHORT)));

            assertTrue(started.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "the handler ran");
            assertTrue(failure.getMessage().contains("compute"), failure.getMessage());
            assertTrue(failure.getMessage().contains("slow"), failure.getMessage());
        } finally {
            release.countDown();
        }
    }

    @Test
    void concurrentCallsGetTheirOwnReplies() throws InterruptedException {
        bus.serve("compute", "host1", message -> Json.object().set("echo", message.arguments().get("i")));
        int count = 40;
        Map<Integer, Integer> replies = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            callers.add(Thread.ofVirtual().start(() -> replies.put(n,
                    client.call("compute", null, message("echo", "i", n), PATIENCE).get("echo").asInt())));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        Map<Integer, Integer> expected = new HashMap<>();
        for (int i = 0; i < count; i++) {
            expected.put(i, i);
        }
        assertEquals(expected, replies);
    }

    @Test
    void notificationsReachEveryMatchingSubscriberAndNoOther() throws InterruptedException {
        Map<String, BlockingQueue<Notification>> received = new HashMap<>();
        for (String prefix : List.of("", "identity", "identity.user.", "identity.project", "image", "ident")) {
            BlockingQueue<Notification> queue = new LinkedBlockingQueue<>();
            received.put(prefix, queue);
            bus.subscribe(prefix, queue::add);
        }
        ObjectNode payload = Json.object().put("user_id", "u1");

        client.notify(new Notification("identity.user.created", "identity.host1", payload));

        for (String prefix : List.of("", "identity", "identity.user.")) {
            Notification notification = received.get(prefix).poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(new Notification("identity.user.created", "identity.host1", payload), notification,
                    "subscriber to '" + prefix + "'");
        }
        Thread.sleep(QUIET_MILLIS);
        for (String prefix : List.of("identity.project", "image", "ident")) {
            assertTrue(received.get(prefix).isEmpty(), "subscriber to '" + prefix + "' got " + received.get(prefix));
        }
        for (String prefix : List.of("", "identity", "identity.user.")) {
            assertTrue(received.get(prefix).isEmpty(), "subscriber to '" + prefix + "' got it once");
        }
    }

    @Test
    void closingASubscriptionStopsItsDelivery() throws Exception {
        BlockingQueue<Notification> kept = new LinkedBlockingQueue<>();
        BlockingQueue<Notification> dropped = new LinkedBlockingQueue<>();
        bus.subscribe("image", kept::add);
        AutoCloseable subscription = bus.subscribe("image", dropped::add);

        subscription.close();
        client.notify(new Notification("image.upload", "image.host1", Json.object()));

        assertEquals("image.upload", kept.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).eventType());
        Thread.sleep(QUIET_MILLIS);
        assertTrue(dropped.isEmpty(), "a closed subscription got " + dropped);
    }

    @Test
    void closingAServerStopsItsDelivery() throws Exception {
        AtomicInteger closedHandled = new AtomicInteger();
        AutoCloseable server = bus.serve("compute", "host1", message -> {
            closedHandled.incrementAndGet();
            return Json.object();
        });
        serveEcho("compute", "host2");

        server.close();

        for (int i = 0; i < 4; i++) {
            assertEquals("host2", client.call("compute", null, message("ping", "i", i), PATIENCE)
                    .get("server").asText());
        }
        assertThrows(MessagingException.class, () -> client.call("compute", "host1", message("ping", "i", 0), SHORT));
        assertEquals(0, closedHandled.get());
    }

    @Test
    void closingTheBusStopsDelivery() throws InterruptedException {
        AtomicInteger handled = new AtomicInteger();
        bus.serve("compute", "host1", message -> {
            handled.incrementAndGet();
            return Json.object();
        });
        BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
        bus.subscribe("compute", notifications::add);

        bus.close();

        assertThrows(MessagingException.class, () -> client.call("compute", null, message("ping", "i", 0), SHORT));
        try {
            client.cast("compute", null, message("ping", "i", 1));
            client.notify(new Notification("compute.instance.create", "compute.host1", Json.object()));
        } catch (MessagingException e) {
            // a bus may refuse what nothing can receive; it must not deliver it
        }
        Thread.sleep(QUIET_MILLIS);
        assertEquals(0, handled.get());
        assertTrue(notifications.isEmpty(), "a closed bus delivered " + notifications);
    }

    @Test
    void aClosedBusRefusesWork() {
        bus.close();

        assertThrows(MessagingException.class, () -> bus.call("compute", null, message("ping", "i", 0), SHORT));
        assertThrows(MessagingException.class, () -> bus.cast("compute", null, message("ping", "i", 0)));
        assertThrows(MessagingException.class,
                () -> bus.notify(new Notification("compute.instance.create", "compute.host1", Json.object())));
        assertThrows(MessagingException.class, () -> bus.serve("compute", "host1", message -> null));
        assertThrows(MessagingException.class, () -> bus.subscribe("compute", notification -> { }));
    }
}
