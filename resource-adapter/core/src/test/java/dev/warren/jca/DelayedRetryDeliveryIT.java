package dev.warren.jca;

import dev.warren.Await;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.warren.Message;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The republish path of delayed retries on the shared broker, the adapter without a container, for the branch the
 * container test does not take: {@code failurePolicy=requeue} with a backoff on a quorum work queue. The activation
 * declares a quorum retry queue with at-least-once dead-lettering; the message waits there between attempts, its
 * count travels in x-warren-attempts, and after maxRedeliveries it is rejected without requeue into the work queue's
 * own dead-letter queue, with the attempt record. And a redeploy mid-delay: the activation is deactivated while the
 * message waits in its retry queue and a new one picks it up with the count it carries.
 */
class DelayedRetryDeliveryIT {
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");

    private ExecutorService pool;
    private WarrenResourceAdapter ra;
    private Connection probe;
    private Channel ch;
    /** Queues a test names, deleted after it (whatever happened). */
    private final List<String> queues = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startAdapterAndProbe() throws Exception {
        pool = Executors.newCachedThreadPool();
        ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-delayed-retry-it");
        ra.start(new ExecutorBootstrapContext(pool));
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        probe = cf.newConnection("warren-delayed-retry-it-probe");
        ch = probe.createChannel();
    }

    @AfterEach
    void stopAdapterAndDeleteQueues() throws Exception {
        try {
            ra.stop();
            pool.shutdownNow();
            for (String q : queues) {
                ch.queueDelete(q);
            }
        } finally {
            probe.close();
        }
    }

    /** @return names for a test's work queue, its dead-letter queue and its retry queue of that delay */
    private String[] queues(String base, long delayMillis) {
        String queue = base + UUID.randomUUID();
        String[] names = {queue, queue + "-dlq", queue + ".warren-retry." + delayMillis};
        queues.addAll(List.of(names));
        return names;
    }

    @Test
    void delayedRequeueOnAQuorumQueueWaitsInTheBrokerThenRejectsIntoTheQueuesDeadLetterQueue() throws Exception {
        String[] names = queues("warren-delayed-requeue-", 300L);
        String queue = names[0];
        String dlq = names[1];
        String retryQueue = names[2];
        Factory factory = new Factory();
        ch.queueDeclare(dlq, false, false, true, null);
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setQueueArguments("x-queue-type=quorum,x-dead-letter-exchange='',x-dead-letter-routing-key=" + dlq);
        spec.setFailurePolicy("requeue");
        spec.setMaxRedeliveries(2);
        spec.setRetryDelay(300L);
        spec.setRetryMultiplier(1.0);
        ra.endpointActivation(factory, spec);
        try {
            ch.confirmSelect();
            ch.basicPublish("", queue, new com.rabbitmq.client.AMQP.BasicProperties.Builder().deliveryMode(2)
                    .contentType("text/plain").build(), "always fails".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
            assertTrue(Await.within(20_000, () -> count(ch, dlq) == 1), "rejected into the queue's dead-letter queue");
            assertEquals(List.of(0, 1, 2), factory.attemptHeaders, "1 + maxRedeliveries 2 attempts, each once");
            for (int i = 1; i < 3; i++) {
                long gap = factory.times.get(i) - factory.times.get(i - 1);
                assertTrue(gap >= 250, "attempt " + (i + 1) + " came " + gap + " ms after the previous one");
            }
            assertEquals("quorum", queueType(retryQueue), "a quorum work queue gets quorum retry queues");
            GetResponse r = ch.basicGet(dlq, true);
            assertNotNull(r);
            Map<String, Object> h = r.getProps().getHeaders();
            assertEquals(2, ((Number) h.get("x-warren-attempts")).intValue(), "the copy that was rejected");
            assertEquals(2, ((List<?>) h.get("x-warren-failures")).size(), "both retried attempts recorded");
            assertEquals(0, count(ch, queue));
            assertEquals(0, count(ch, retryQueue));
        } finally {
            ra.endpointDeactivation(factory, spec);
        }
    }

    @Test
    void aRedeployDuringADelayLosesNothingAndCountsNoAttemptTwice() throws Exception {
        String[] names = queues("warren-delayed-redeploy-", 1000L);
        String queue = names[0];
        String dlq = names[1];
        String retryQueue = names[2];
        Factory first = new Factory(2);
        Factory second = new Factory(2);
        ch.queueDeclare(dlq, false, false, true, null);
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setDurable(false);
        spec.setFailurePolicy("dead-letter");
        spec.setDeadLetterRoutingKey(dlq);
        spec.setMaxRedeliveries(3);
        spec.setRetryDelay(1000L);
        spec.setRetryMultiplier(1.0);
        try {
            ra.endpointActivation(first, spec);
            ch.basicPublish("", queue, null, "flaky".getBytes(StandardCharsets.UTF_8));
            assertTrue(Await.within(10_000, () -> count(ch, retryQueue) == 1), "the first attempt failed; it waits");
            ra.endpointDeactivation(first, spec); // undeploy while it waits
            assertEquals(List.of(0), first.attemptHeaders);
            ra.endpointActivation(second, spec); // redeploy
            assertTrue(Await.within(15_000, () -> second.successes.size() == 1), "succeeded after the redeploy");
            assertTrue(Await.within(5_000, () -> count(ch, queue) == 0 && count(ch, retryQueue) == 0), "nothing left");
            assertEquals(List.of(1, 2), second.attemptHeaders, "the count came with the message, each once");
            assertEquals(0, count(ch, dlq));
        } finally {
            ra.endpointDeactivation(second, spec);
        }
    }

    @Test
    void aDeletedRetryQueueIsDeclaredAgainRatherThanSwallowingTheMessage() throws Exception {
        String[] names = queues("warren-delayed-deleted-", 500L);
        String queue = names[0];
        String dlq = names[1];
        String retryQueue = names[2];
        Factory factory = new Factory(1);
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setDurable(false);
        spec.setFailurePolicy("dead-letter");
        spec.setDeadLetterRoutingKey(dlq);
        spec.setMaxRedeliveries(1);
        spec.setRetryDelay(500L);
        try {
            ra.endpointActivation(factory, spec);
            ch.queueDelete(retryQueue); // an operator cleaning up behind the activation's back
            ch.basicPublish("", queue, null, "flaky".getBytes(StandardCharsets.UTF_8));
            assertTrue(Await.within(10_000, () -> factory.successes.size() == 1),
                    "retried through the redeclared queue");
            assertEquals(List.of(0, 1), factory.attemptHeaders);
            assertEquals(0, count(ch, retryQueue), "declared again, and empty");
        } finally {
            ra.endpointDeactivation(factory, spec);
        }
    }

    private static String queueType(String queue) throws Exception {
        for (String line : dev.warren.Rabbitmqctl.run("list_queues", "name", "type")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals(queue)) {
                return f[1];
            }
        }
        return "(not listed)";
    }

    private static int count(Channel ch, String queue) {
        try {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A bean that fails while the message carries fewer than {@code failures} failed attempts (always, by default),
     * recording when and with which x-warren-attempts it was called.
     */
    static final class Factory extends TestEndpointFactory {
        final List<Integer> attemptHeaders = new CopyOnWriteArrayList<>();
        final List<Long> times = new CopyOnWriteArrayList<>();
        final List<Long> successes = new CopyOnWriteArrayList<>();
        private final int failures;

        Factory() {
            this(Integer.MAX_VALUE);
        }

        Factory(int failures) {
            super("delayed-retry-it", Endpoint.class);
            this.failures = failures;
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new TestEndpointFactory.Endpoint() {
                @Override
                public void onMessage(Message message) {
                    times.add(System.currentTimeMillis());
                    Object n = message.headers() == null ? null : message.headers().get("x-warren-attempts");
                    int failed = n instanceof Number number ? number.intValue() : 0;
                    attemptHeaders.add(failed);
                    if (failed < failures) {
                        throw new IllegalStateException("fails");
                    }
                    successes.add(System.currentTimeMillis());
                }
            };
        }
    }
}
