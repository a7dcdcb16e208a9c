package dev.warren.jca;

import dev.warren.LogCapture;
import dev.warren.internal.Messages;
import dev.warren.Acknowledger;
import dev.warren.DeliveryInfo;
import dev.warren.Message;
import dev.warren.MessageProperties;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The requeue policy is bounded by a quorum queue's x-delivery-count, and unbounded without it; a dead-letter publish
 * that fails is never reported as done, and requeues the message at once unless the refusal closed the channel.
 */
class FailureHandlerTest {
    private final List<String> settled = new ArrayList<>();

    @Test
    void requeueIsBoundedByTheQuorumDeliveryCount() throws Exception {
        FailureHandler h = new FailureHandler(config(2), "test");
        h.handle(message(null), new IllegalStateException("boom"), null);   // first delivery: no header
        h.handle(message(1L), new IllegalStateException("boom"), null);     // 2nd delivery
        h.handle(message(2L), new IllegalStateException("boom"), null);     // 3rd = 1 + maxRedeliveries
        assertEquals(List.of("requeue", "requeue", "reject"), settled);
    }

    @Test
    void requeueWithoutADeliveryCountIsUnbounded() throws Exception {
        FailureHandler h = new FailureHandler(config(0), "test");
        h.handle(message(null), new IllegalStateException("boom"), null);
        assertEquals(List.of("requeue"), settled);
    }

    @Test
    void aRolledBackTransactionIsDeadLetteredAsTransactionRolledBack() throws Exception {
        List<Object[]> published = new ArrayList<>();
        FailureHandler h = new FailureHandler(deadLetterConfig(), "test");
        h.handle(message(null), new TransactionRolledBack("setRollbackOnly"), session(published, null));
        assertEquals(1, published.size());
        assertEquals("dlx", published.get(0)[0]);
        MessageProperties p = (MessageProperties) published.get(0)[3];
        assertEquals("transaction rolled back", p.headers().get(FailureHandler.EXCEPTION));
        assertEquals("setRollbackOnly", p.headers().get(FailureHandler.EXCEPTION_MESSAGE));
        assertEquals(List.of("ack"), settled, "acknowledged after the confirmed dead-letter publish");
    }

    @Test
    void aRefusedDeadLetterPublishLeavesTheMessageUnacknowledged() throws Exception {
        FailureHandler h = new FailureHandler(deadLetterConfig(), "test");
        h.handle(message(null), new IllegalStateException("boom"), session(new ArrayList<>(),
                new dev.warren.BrokerException("Cannot publish: NOT_FOUND - no exchange 'dlx'", 404, true, null)));
        assertEquals(List.of(), settled, "neither acked nor reported as dead-lettered: the broker redelivers it");
    }

    @Test
    void aNackedDeadLetterPublishOnAnOpenChannelRequeuesTheMessageAtOnce() throws Exception {
        FailureHandler h = new FailureHandler(deadLetterConfig(), "test");
        h.handle(message(null), new IllegalStateException("boom"), session(new ArrayList<>(),
                new dev.warren.PublishException(dev.warren.PublishException.Reason.NACKED, "Cannot publish: nacked",
                        null)));
        assertEquals(List.of("requeue"), settled, "not left unacknowledged below a later multiple-ack");
    }

    @Test
    void aDeadLetterTargetThatRefusesEveryMessageWarnsOnceNotPerLoop() throws Exception {
        FailureHandler h = new FailureHandler(deadLetterConfig(), "test");
        Logger logger = Logger.getLogger(FailureHandler.class.getName());
        Level before = logger.getLevel();
        logger.setLevel(Level.FINE);
        try (LogCapture log = LogCapture.of(FailureHandler.class)) {
            for (int i = 0; i < 50; i++) { // the same poison message, requeued and failing again at once
                h.handle(message(null), new IllegalStateException("boom"), session(new ArrayList<>(),
                        new dev.warren.PublishException(dev.warren.PublishException.Reason.NACKED,
                                "Cannot publish: nacked", null)));
            }
            assertEquals(50, settled.stream().filter("requeue"::equals).count(), "every one requeued: none lost");
            assertEquals(1, log.at(Level.WARNING).size(), "one WARNING a minute");
            assertEquals(49, log.at(Level.FINE).stream()
                    .filter(r -> r.getMessage().contains("could not dead-letter it")).count());
        } finally {
            logger.setLevel(before);
        }
    }

    private static ActivationConfig deadLetterConfig() throws Exception {
        WarrenActivationSpec s = new WarrenActivationSpec();
        s.setQueue("q");
        s.setFailurePolicy("dead-letter");
        s.setMaxRedeliveries(0);
        s.setDeadLetterExchange("dlx");
        return s.toConfig();
    }

    /** A session that records confirmed publishes (exchange, key, mandatory, properties), or refuses them. */
    private static dev.warren.Session session(List<Object[]> published, RuntimeException refusal) {
        return (dev.warren.Session) java.lang.reflect.Proxy.newProxyInstance(FailureHandlerTest.class.getClassLoader(),
                new Class<?>[]{dev.warren.Session.class}, (proxy, method, args) -> {
                    if (method.getName().equals("basicPublish") && args.length == 6) {
                        if (refusal != null) {
                            throw refusal;
                        }
                        published.add(new Object[]{args[0], args[1], args[2], args[3]});
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ActivationConfig config(int maxRedeliveries) throws Exception {
        WarrenActivationSpec s = new WarrenActivationSpec();
        s.setQueue("q");
        s.setMaxRedeliveries(maxRedeliveries);
        return s.toConfig();
    }

    private Message message(Long deliveryCount) {
        Map<String, Object> headers = new HashMap<>();
        if (deliveryCount != null) {
            headers.put("x-delivery-count", deliveryCount);
        }
        MessageProperties p = new MessageProperties("text/plain", "utf-8", headers, null, null, null, null, null,
                null, null, null, null, null, null);
        Acknowledger ack = new Acknowledger() {
            @Override
            public void ack(long tag) {
                settled.add("ack");
            }

            @Override
            public void reject(long tag, boolean requeue) {
                settled.add(requeue ? "requeue" : "reject");
            }
        };
        return Messages.received("x".getBytes(), p, new DeliveryInfo("", "q", deliveryCount != null, 1, "c", "q"), ack,
                Message.State.RECEIVED, MessageCodec.defaults(), Accept.parse("text"));
    }
}
