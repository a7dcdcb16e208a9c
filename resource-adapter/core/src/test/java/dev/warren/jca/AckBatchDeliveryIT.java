package dev.warren.jca;

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
/**
 * {@code ackBatchSize} on a real broker, the adapter without a container: with a batch larger than the prefetch,
 * a consumer still gets every message (held acks are sent when the drain runs out of messages, so it never
 * stalls at the prefetch limit); a failed delivery requeued by the failure policy comes back once while the
 * acks held around it stay correct (no message is delivered twice, none is lost); after deactivation nothing is
 * left unacknowledged.
 */
class AckBatchDeliveryIT {
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    private static final int MESSAGES = 205;

    @Test
    void batchedAcksDeliverEverythingOnceAndLeaveNothingBehind() throws Exception {
        String queue = "warren-ack-batch-" + UUID.randomUUID();
        ExecutorService pool = Executors.newCachedThreadPool();
        Factory factory = new Factory();
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-ack-batch-it");
        ra.start(new ExecutorBootstrapContext(pool));
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        try (Connection c = cf.newConnection("warren-ack-batch-it-probe"); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
            for (int i = 0; i < MESSAGES; i++) {
                ch.basicPublish("", queue, null, (i == 77 ? "flaky" : "m" + i).getBytes(StandardCharsets.UTF_8));
            }
            WarrenActivationSpec spec = new WarrenActivationSpec();
            spec.setQueue(queue);
            spec.setDurable(false);
            spec.setPrefetch(3); // smaller than the batch: only the drain's flush keeps deliveries coming
            spec.setAckBatchSize(10);
            spec.setConcurrency(2);
            spec.setFailurePolicy("requeue");
            ra.endpointActivation(factory, spec);
            long deadline = System.currentTimeMillis() + 60_000;
            while (factory.deliveries.get() < MESSAGES + 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // a wrongly redelivered message would show up now
            ra.endpointDeactivation(factory, spec);

            assertEquals(MESSAGES + 1, factory.deliveries.get(), "every message once, the failed one twice");
            assertEquals(MESSAGES, factory.timesSeen.size());
            factory.timesSeen.forEach((body, n) -> assertEquals(body.equals("flaky") ? 2 : 1, n.get(), body));
            assertEquals(0, ch.queueDeclarePassive(queue).getMessageCount(), "all acknowledged, none requeued");
            ch.queueDelete(queue);
        } finally {
            ra.stop();
            pool.shutdownNow();
        }
    }

    /** A bean that fails the first delivery of "flaky". */
    static final class FlakyEndpoint extends TestEndpointFactory.Endpoint {
        private final Factory factory;

        FlakyEndpoint(Factory factory) {
            this.factory = factory;
        }

        @Override
        public void onMessage(Message message) {
            String body = new String(message.body(), StandardCharsets.UTF_8);
            factory.deliveries.incrementAndGet();
            factory.timesSeen.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
            if (body.equals("flaky") && !message.redelivered()) {
                throw new IllegalStateException("the first delivery of this message fails");
            }
        }

    }

    static final class Factory extends TestEndpointFactory {
        final AtomicInteger deliveries = new AtomicInteger();
        final Map<String, AtomicInteger> timesSeen = new ConcurrentHashMap<>();

        Factory() {
            super("ack-batch-it", FlakyEndpoint.class);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new FlakyEndpoint(this);
        }
    }
}
