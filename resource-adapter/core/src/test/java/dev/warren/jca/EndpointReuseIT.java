package dev.warren.jca;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Message;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.WorkManager;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
/**
 * Inbound delivery reuses a message endpoint for a consumer channel's consecutive messages, also across drains
 * (creating one per message was a sixth of the delivery thread's time in Payara), releases every endpoint it
 * created (the parked one at deactivation), and gives the message after a failed delivery a fresh endpoint. Real broker, the adapter without a container (a WorkManager on an executor,
 * endpoints counted by a test factory).
 */
class EndpointReuseIT {
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    private static final int MESSAGES = 300;
    private static final int FAILING = 150;

    @Test
    void endpointsAreReusedAcrossDeliveriesReleasedAndRenewedAfterAFailure() throws Exception {
        String queue = "warren-endpoint-reuse-" + UUID.randomUUID();
        ExecutorService pool = Executors.newCachedThreadPool();
        CountingFactory factory = new CountingFactory();
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-endpoint-reuse-it");
        ra.start(new ExecutorBootstrapContext(pool));
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        try (Connection c = cf.newConnection("warren-endpoint-reuse-it-probe"); Channel ch = c.createChannel()) {
            // fill the queue first, so deliveries arrive faster than the (slow) bean takes them
            ch.queueDeclare(queue, false, false, false, null);
            for (int i = 0; i < MESSAGES; i++) {
                ch.basicPublish("", queue, null, (i == FAILING ? "boom" : "m" + i).getBytes(StandardCharsets.UTF_8));
            }
            WarrenActivationSpec spec = new WarrenActivationSpec();
            spec.setQueue(queue);
            spec.setDurable(false);
            spec.setPrefetch(50);
            spec.setConcurrency(1);
            spec.setFailurePolicy("reject"); // the failing message is dropped, not redelivered
            ra.endpointActivation(factory, spec);
            long deadline = System.currentTimeMillis() + 60_000;
            while (factory.deliveries.get() < MESSAGES && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(MESSAGES, factory.deliveries.get(), "every message reached the bean once");
            ra.endpointDeactivation(factory, spec);

            assertTrue(factory.created.get() <= 3, "endpoints are reused across deliveries and drains: " + factory.created.get()
                    + " created for " + MESSAGES + " deliveries");
            assertTrue(factory.usesOf.values().stream().anyMatch(n -> n.get() >= 50),
                    "some endpoint delivered many messages in a row: " + factory.usesOf.values());
            assertEquals(factory.created.get(), factory.released.get(), "every endpoint created was released");
            assertEquals(1, factory.failedOn.size(), "one delivery failed");
            TestEndpoint failed = factory.failedOn.get(0);
            assertTrue(failed.releasedAt > 0, "the endpoint of the failed delivery was released");
            assertNotSame(failed, factory.deliveredBy.get("m" + (FAILING + 1)),
                    "the message after the failure got a fresh endpoint");
            assertEquals(0, ch.queueDeclarePassive(queue).getMessageCount(), "all acked or rejected, none left");
            ch.queueDelete(queue);
        } finally {
            ra.stop();
            pool.shutdownNow();
        }
    }

    /** A bean: sleeps a little per message (so deliveries queue up), fails on "boom". */
    static final class TestEndpoint extends TestEndpointFactory.Endpoint {
        private final CountingFactory factory;
        volatile long releasedAt;

        TestEndpoint(CountingFactory factory) {
            this.factory = factory;
        }

        @Override
        public void onMessage(Message message) {
            if (releasedAt > 0) {
                throw new IllegalStateException("delivery on a released endpoint");
            }
            String body = new String(message.body(), StandardCharsets.UTF_8);
            factory.deliveries.incrementAndGet();
            factory.deliveredBy.put(body, this);
            factory.usesOf.computeIfAbsent(this, k -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (body.equals("boom")) {
                factory.failedOn.add(this);
                throw new IllegalStateException("the bean fails on this message");
            }
        }

        @Override
        public void release() {
            releasedAt = System.nanoTime();
            factory.released.incrementAndGet();
        }
    }

    static final class CountingFactory extends TestEndpointFactory {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final AtomicInteger deliveries = new AtomicInteger();
        final Map<String, TestEndpoint> deliveredBy = new ConcurrentHashMap<>();
        final Map<TestEndpoint, AtomicInteger> usesOf = new ConcurrentHashMap<>();
        final List<TestEndpoint> failedOn = new CopyOnWriteArrayList<>();

        CountingFactory() {
            super("endpoint-reuse-it", TestEndpoint.class);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            created.incrementAndGet();
            return new TestEndpoint(this);
        }
    }
}
