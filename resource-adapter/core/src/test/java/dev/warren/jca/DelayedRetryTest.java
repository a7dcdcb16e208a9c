package dev.warren.jca;

import dev.warren.internal.Messages;
import dev.warren.Acknowledger;
import dev.warren.DeliveryInfo;
import dev.warren.Message;
import dev.warren.MessageProperties;
import dev.warren.Queue;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pure logic of delayed retries, no broker: the delay of each retry, the retry queues an activation declares,
 * the attempt record in the headers, and where {@link FailureHandler} republishes a failed message (a stub session
 * records the confirmed publishes and the settlement order).
 */
class DelayedRetryTest {
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
    private final List<String> events = new ArrayList<>();

    @Test
    void delaysGrowByTheMultiplierUpToTheMaximum() {
        RetryBackoff b = new RetryBackoff(500, 2.0, 3000);
        assertEquals(List.of(500L, 1000L, 2000L, 3000L, 3000L),
                List.of(b.delayBefore(1), b.delayBefore(2), b.delayBefore(3), b.delayBefore(4), b.delayBefore(5)));
        assertEquals(List.of(500L, 1000L, 2000L, 3000L), b.delays(10), "one retry queue per distinct delay");
        assertEquals(List.of(500L, 1000L), b.delays(2), "no queue for a retry that never happens");
        assertEquals(List.of(), b.delays(0));
        assertEquals(List.of(1000L), new RetryBackoff(1000, 1.0, 1000).delays(50), "a constant delay: one queue");
        assertEquals(1500L, new RetryBackoff(1000, 1.5, 60_000).delayBefore(2));
        assertEquals(60_000L, new RetryBackoff(1000, 2.0, 60_000).delayBefore(1_000), "no overflow on a late retry");
    }

    @Test
    void aBackoffRefusesImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(-1, 2.0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(1000, 0.9, 5000));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(1000, Double.NaN, 5000));
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(1000, 2.0, 999));
    }

    @Test
    void aRetryQueueExpiresBackIntoTheWorkQueue() {
        Queue work = Queue.builder("orders").durable(true).build();
        Queue retry = RetryBackoff.retryQueue(work, 2000);
        assertEquals("orders.warren-retry.2000", retry.name());
        assertTrue(retry.durable());
        assertFalse(retry.autoDelete());
        assertFalse(retry.exclusive());
        assertEquals(Map.of("x-message-ttl", 2000L, "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", "orders"), retry.arguments());
        Queue quorum = RetryBackoff.retryQueue(Queue.builder("q").argument("x-queue-type", "quorum").build(), 10);
        assertEquals("quorum", quorum.arguments().get("x-queue-type"));
        assertEquals("at-least-once", quorum.arguments().get("x-dead-letter-strategy"));
        assertEquals("reject-publish", quorum.arguments().get("x-overflow"));
    }

    @Test
    void theActivationDeclaresItsRetryQueuesAfterTheWorkQueue() throws Exception {
        ActivationConfig c = spec("dead-letter", 3, 500L).toConfig();
        assertEquals(List.of("work", "work.warren-retry.500", "work.warren-retry.1000", "work.warren-retry.2000"),
                c.declarations().stream().map(Queue::name).toList());
        assertEquals(List.of("work"), spec("dead-letter", 3, null).toConfig().declarations().stream()
                .map(Queue::name).toList(), "no retryDelay: retries at once, no retry queue");
        assertEquals(List.of("work"), spec("reject", 3, 500L).toConfig().declarations().stream()
                .map(Queue::name).toList(), "reject never retries");
    }

    @Test
    void theAttemptLogCountsAndRecordsEveryAttempt() {
        Map<String, Object> h = AttemptLog.record(Map.of("app", "x"), "java.lang.IllegalStateException", "db down",
                NOW, 500L);
        h = AttemptLog.record(h, "transaction rolled back", null, NOW.plusSeconds(1), null);
        assertEquals(2, AttemptLog.attempts(h));
        assertEquals("x", h.get("app"), "other headers kept");
        List<?> failures = (List<?>) h.get(AttemptLog.FAILURES);
        assertEquals(2, failures.size());
        assertEquals(Map.of("attempt", 1, "time", NOW, "exception", "java.lang.IllegalStateException",
                "message", "db down", "delay", 500L), failures.get(0));
        assertEquals(Map.of("attempt", 2, "time", NOW.plusSeconds(1), "exception", "transaction rolled back",
                "message", ""), failures.get(1));
        assertEquals(0, AttemptLog.attempts(null));
        assertEquals(0, AttemptLog.attempts(Map.of(AttemptLog.ATTEMPTS, "three")), "a foreign value counts as none");
    }

    @Test
    void theAttemptLogStaysBounded() {
        Map<String, Object> h = new HashMap<>();
        for (int i = 0; i < AttemptLog.MAX_ENTRIES + 10; i++) {
            h = AttemptLog.record(h, "E", "x".repeat(2000), NOW, null);
        }
        List<?> failures = (List<?>) h.get(AttemptLog.FAILURES);
        assertEquals(AttemptLog.MAX_ENTRIES, failures.size());
        assertEquals(AttemptLog.MAX_ENTRIES + 10, AttemptLog.attempts(h), "the count is never cut");
        assertEquals(11, ((Map<?, ?>) failures.get(0)).get("attempt"), "the newest entries are kept");
        assertEquals(AttemptLog.MAX_TEXT, ((String) ((Map<?, ?>) failures.get(0)).get("message")).length());
    }

    @Test
    void deadLetterRetriesThroughTheRetryQueueOfEachDelayThenDeadLetters() throws Exception {
        FailureHandler h = new FailureHandler(spec("dead-letter", 2, 500L).toConfig(), "test",
                Clock.fixed(NOW, ZoneOffset.UTC));
        List<Object[]> published = new ArrayList<>();
        Map<String, Object> headers = new HashMap<>();
        headers.put("x-custom", "kept");
        for (int i = 0; i < 3; i++) {
            h.handle(message(headers, "60000"), new IllegalStateException("db down " + i), session(published));
            headers = ((MessageProperties) published.get(i)[2]).headers();
        }
        assertEquals(List.of("publish", "ack", "publish", "ack", "publish", "ack"), events,
                "each original acknowledged only after its republish was confirmed");
        assertEquals("|work.warren-retry.500", published.get(0)[0] + "|" + published.get(0)[1]);
        assertEquals("|work.warren-retry.1000", published.get(1)[0] + "|" + published.get(1)[1]);
        assertEquals("dlx|rk", published.get(2)[0] + "|" + published.get(2)[1]);
        MessageProperties first = (MessageProperties) published.get(0)[2];
        assertEquals(null, first.expiration(), "a per-message TTL would cut the delay short");
        assertEquals("60000", ((MessageProperties) published.get(2)[2]).expiration(), "the dead letter keeps it");
        assertEquals(3, headers.get(AttemptLog.ATTEMPTS));
        assertEquals("kept", headers.get("x-custom"));
        assertEquals("ex", headers.get(FailureHandler.ORIGINAL_EXCHANGE));
        assertEquals("rk", headers.get(FailureHandler.ORIGINAL_ROUTING_KEY));
        List<?> failures = (List<?>) headers.get(AttemptLog.FAILURES);
        assertEquals(List.of("db down 0", "db down 1", "db down 2"),
                failures.stream().map(f -> ((Map<?, ?>) f).get("message")).toList());
        assertEquals(List.of(500L, 1000L), failures.stream().map(f -> ((Map<?, ?>) f).get("delay"))
                .filter(d -> d != null).toList(), "each retry's delay recorded, none for the last attempt");
    }

    @Test
    void requeueWithABackoffWaitsThenRejectsAfterMaxRedeliveries() throws Exception {
        FailureHandler h = new FailureHandler(spec("requeue", 1, 700L).toConfig(), "test");
        List<Object[]> published = new ArrayList<>();
        h.handle(message(new HashMap<>(), null), new IllegalStateException("boom"), session(published));
        Map<String, Object> headers = ((MessageProperties) published.get(0)[2]).headers();
        assertEquals("work.warren-retry.700", published.get(0)[1]);
        h.handle(message(headers, null), new IllegalStateException("boom"), session(published));
        assertEquals(List.of("publish", "ack", "reject"), events, "rejected (the queue's own dead-lettering)");
        assertEquals(1, published.size());
    }

    @Test
    void requeueWithABackoffAndNoRetriesRejectsAtOnceOnAnyQueueType() throws Exception {
        FailureHandler h = new FailureHandler(spec("requeue", 0, 700L).toConfig(), "test");
        h.handle(message(new HashMap<>(), null), new IllegalStateException("boom"), session(new ArrayList<>()));
        assertEquals(List.of("reject"), events, "not an unbounded requeue on a classic queue");
    }

    @Test
    void aRefusedRetryPublishLeavesTheMessageUnacknowledged() throws Exception {
        FailureHandler h = new FailureHandler(spec("dead-letter", 2, 500L).toConfig(), "test");
        dev.warren.Session refusing = (dev.warren.Session) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{dev.warren.Session.class}, (p, m, a) -> {
                    throw new dev.warren.BrokerException("NOT_FOUND - no queue 'work.warren-retry.500'", 404, true,
                            null);
                });
        h.handle(message(new HashMap<>(), null), new IllegalStateException("boom"), refusing);
        assertEquals(List.of(), events, "neither acked nor counted: the broker redelivers it with its old count");
    }

    private static WarrenActivationSpec spec(String policy, int maxRedeliveries, Long retryDelay) {
        WarrenActivationSpec s = new WarrenActivationSpec();
        s.setQueue("work");
        s.setFailurePolicy(policy);
        s.setMaxRedeliveries(maxRedeliveries);
        s.setDeadLetterExchange("dlx");
        s.setRetryDelay(retryDelay);
        return s;
    }

    /** records confirmed publishes (exchange, key, properties) */
    private dev.warren.Session session(List<Object[]> published) {
        return (dev.warren.Session) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{dev.warren.Session.class}, (proxy, method, args) -> {
                    if (method.getName().equals("basicPublish") && args.length == 6) {
                        events.add("publish");
                        published.add(new Object[]{args[0], args[1], args[3]});
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private Message message(Map<String, Object> headers, String expiration) {
        MessageProperties p = new MessageProperties("text/plain", "utf-8", headers, null, null, null, null,
                expiration, null, null, null, null, null, null);
        Acknowledger ack = new Acknowledger() {
            @Override
            public void ack(long tag) {
                events.add("ack");
            }

            @Override
            public void reject(long tag, boolean requeue) {
                events.add(requeue ? "requeue" : "reject");
            }
        };
        return Messages.received("x".getBytes(), p, new DeliveryInfo("ex", "rk", false, 1, "c", "work"), ack,
                Message.State.RECEIVED, MessageCodec.defaults(), Accept.parse("text"));
    }
}
