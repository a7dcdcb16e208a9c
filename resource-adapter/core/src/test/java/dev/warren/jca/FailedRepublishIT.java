package dev.warren.jca;

import dev.warren.Await;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Message;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dead-letter publish the broker nacks (the dead-letter exchange routes to a full queue with
 * {@code x-overflow=reject-publish}; the channel stays open) on a real broker, the adapter without a container, with
 * {@code ackBatchSize} 10: the failed message is requeued and comes back, and is not acknowledged (lost) by the
 * multiple-ack of the messages after it; the others are delivered once; after deactivation it is still in the queue.
 */
class FailedRepublishIT {
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    private static final int MESSAGES = 20;

    @Test
    void aNackedDeadLetterPublishRequeuesTheMessageInsteadOfLosingItInAMultipleAck() throws Exception {
        String id = UUID.randomUUID().toString();
        String queue = "warren-failed-republish-" + id;
        String dlx = "warren-failed-republish-dlx-" + id;
        String full = "warren-failed-republish-full-" + id;
        ExecutorService pool = Executors.newCachedThreadPool();
        Factory factory = new Factory();
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-failed-republish-it");
        ra.start(new ExecutorBootstrapContext(pool));
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        try (Connection c = cf.newConnection("warren-failed-republish-it-probe"); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
            ch.exchangeDeclare(dlx, "fanout", false, true, null);
            ch.queueDeclare(full, false, false, false, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
            ch.queueBind(full, dlx, "");
            for (int i = 0; i < MESSAGES; i++) {
                ch.basicPublish("", queue, null, (i == 3 ? "poison" : "m" + i).getBytes(StandardCharsets.UTF_8));
            }
            WarrenActivationSpec spec = new WarrenActivationSpec();
            spec.setQueue(queue);
            spec.setDurable(false);
            spec.setPrefetch(MESSAGES);
            spec.setAckBatchSize(10);
            spec.setFailurePolicy("dead-letter");
            spec.setMaxRedeliveries(0);
            spec.setDeadLetterExchange(dlx);
            ra.endpointActivation(factory, spec);
            try {
                assertTrue(Await.within(20_000, () -> factory.seen("poison") >= 2 && factory.others() == MESSAGES - 1),
                        "the poison message comes back after its nacked dead-letter publish: " + factory.timesSeen);
            } finally {
                ra.endpointDeactivation(factory, spec);
            }
            factory.timesSeen.forEach((body, n) -> {
                if (!body.equals("poison")) {
                    assertEquals(1, n.get(), body);
                }
            });
            assertTrue(Await.within(20_000, () -> count(ch, queue) == 1),
                    "only the poison message is left in the queue");
            assertEquals(0, count(ch, full), "nothing was dead-lettered");
            ch.queueDelete(queue);
            ch.queueDelete(full);
            ch.exchangeDelete(dlx);
        } finally {
            ra.stop();
            pool.shutdownNow();
        }
    }

    private static int count(Channel ch, String queue) {
        try {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A bean that always fails on "poison". */
    static final class PoisonEndpoint extends TestEndpointFactory.Endpoint {
        private final Factory factory;

        PoisonEndpoint(Factory factory) {
            this.factory = factory;
        }

        @Override
        public void onMessage(Message message) {
            String body = new String(message.body(), StandardCharsets.UTF_8);
            factory.timesSeen.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
            if (body.equals("poison")) {
                throw new IllegalStateException("this message always fails");
            }
        }
    }

    static final class Factory extends TestEndpointFactory {
        final Map<String, AtomicInteger> timesSeen = new ConcurrentHashMap<>();

        Factory() {
            super("failed-republish-it", PoisonEndpoint.class);
        }

        int seen(String body) {
            AtomicInteger n = timesSeen.get(body);
            return n == null ? 0 : n.get();
        }

        int others() {
            return (int) timesSeen.keySet().stream().filter(b -> !b.equals("poison")).count();
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new PoisonEndpoint(this);
        }
    }
}
