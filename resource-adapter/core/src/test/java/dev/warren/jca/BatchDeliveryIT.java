package dev.warren.jca;

import dev.warren.Await;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Message;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch delivery on a real broker, the adapter without a container (not transacted; the container semantics are
 * BatchListenerIT's): batches never exceed batchSize and never mix consumers; an undecodable message is left out and
 * dead-lettered alone while its neighbours are delivered; a batch whose bean acks one message and throws sends the
 * rest through the failure policy; a partial batch waits batchTimeout, a batch filled by messages arriving one by one
 * goes at once; a busy consumer keeps its drain between batches; deactivating with a partial batch held requeues it.
 * Every message is accounted for.
 */
class BatchDeliveryIT {
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");

    private ExecutorService pool;
    private WarrenResourceAdapter ra;
    private Connection probe;
    private Channel ch;
    private final List<String> queues = new ArrayList<>();
    /** batch drains the WorkManager ran (each a scheduleWork) */
    private final AtomicInteger batchDrains = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>()) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) { // as newCachedThreadPool, counting batch drains
                if (r.getClass().getName().endsWith("$BatchDrain")) {
                    batchDrains.incrementAndGet();
                }
            }
        };
        ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-batch-it");
        ra.start(new ExecutorBootstrapContext(pool));
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        probe = cf.newConnection("warren-batch-it-probe");
        ch = probe.createChannel();
    }

    @AfterEach
    void stop() throws Exception {
        ra.stop();
        pool.shutdownNow();
        for (String q : queues) {
            ch.queueDelete(q);
        }
        probe.close();
    }

    private String queue(String what) throws Exception {
        String q = "warren-batch-it-" + what + "-" + UUID.randomUUID();
        ch.queueDeclare(q, false, false, false, null);
        queues.add(q);
        return q;
    }

    private void publish(String queue, String body, String contentType) throws Exception {
        ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().contentType(contentType).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void batchesAreBoundedAndABadMessageOrAFailedBatchLosesNothing() throws Exception {
        String queue = queue("work");
        String dlq = queue("dlq");
        int n = 103;
        for (int i = 0; i < n; i++) {
            if (i == 40) {
                publish(queue, "{not json", "application/json"); // left out of its batch, dead-lettered alone
            } else {
                publish(queue, "{\"i\":" + i + "}", "application/json");
            }
        }
        Factory factory = new Factory(batch -> {
            if (batch.stream().anyMatch(m -> m.payload().equals(Map.of("i", 77)))) {
                batch.get(0).ack(); // the bean settles one itself, then fails: the others take the policy
                throw new IllegalStateException("the batch with 77 fails");
            }
        });
        WarrenActivationSpec spec = spec(queue, 10, 300);
        spec.setConcurrency(2);
        spec.setFailurePolicy("dead-letter");
        spec.setDeadLetterExchange("");
        spec.setDeadLetterRoutingKey(dlq);
        spec.setMaxRedeliveries(0);
        ra.endpointActivation(factory, spec);
        // the bad message and the failed batch's unsettled messages (all but the one the bean acked) end in the dlq
        int failedBatch = await(() -> factory.seen.size() == n - 1 && factory.failedSize.get() > 0
                && ch.messageCount(dlq) == 1 + factory.failedSize.get() - 1, factory);
        ra.endpointDeactivation(factory, spec);

        int dead = (int) ch.messageCount(dlq);
        assertTrue(factory.sizes.stream().allMatch(s -> s >= 1 && s <= 10), "batches of 1-10: " + factory.sizes);
        assertTrue(factory.sizes.stream().filter(s -> s == 10).count() >= 5, "most batches are full: "
                + factory.sizes);
        assertEquals(n - 1, factory.seen.size(), "the bean saw every decodable message once: " + factory.seen.size());
        assertEquals(1 + failedBatch - 1, dead, "still: nothing was dead-lettered twice");
        assertEquals(n - 1, factory.total(), "no batch was delivered twice (with maxRedeliveries=0 nothing is"
                + " retried)");
        assertEquals(0, ch.messageCount(queue), "nothing left in the work queue");
    }

    @Test
    void aPartialBatchIsDeliveredAfterTheTimeout() throws Exception {
        String queue = queue("timeout");
        Factory factory = new Factory(batch -> { });
        WarrenActivationSpec spec = spec(queue, 50, 400);
        ra.endpointActivation(factory, spec);
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            publish(queue, "{\"i\":" + i + "}", "application/json");
        }
        await(() -> factory.total() == 3, factory);
        long tookMs = (factory.firstCallNanos.get() - t0) / 1_000_000;
        assertEquals(List.of(3), factory.sizes, "one partial batch of the 3");
        assertTrue(tookMs >= 380 && tookMs < 1400, "delivered batchTimeout (400 ms) after the first arrival,"
                + " within 1 s more: " + tookMs + " ms");
        ra.endpointDeactivation(factory, spec);
        assertEquals(0, ch.messageCount(queue));
    }

    @Test
    void aBatchFilledByMessagesArrivingOneByOneGoesAtOnceNotAtTheTimeout() throws Exception {
        String queue = queue("one-by-one");
        Factory factory = new Factory(batch -> { });
        WarrenActivationSpec spec = spec(queue, 5, 60_000);
        ra.endpointActivation(factory, spec);
        assertTrue(awaitTrue(() -> ch.consumerCount(queue) == 1), "consuming");
        long last = 0;
        for (int i = 0; i < 10; i++) { // each arrives while the drain waits for the rest of its batch
            publish(queue, "{\"i\":" + i + "}", "application/json");
            last = System.nanoTime();
            Thread.sleep(30);
        }
        assertTrue(awaitTrue(() -> factory.total() == 10), "both batches delivered; so far " + factory.sizes);
        long afterLastMs = (System.nanoTime() - last) / 1_000_000;
        assertEquals(List.of(5, 5), factory.sizes, "two full batches");
        assertTrue(afterLastMs < 5_000, "the 5th and 10th arrivals woke the drain: delivered well before the 60 s"
                + " batchTimeout, " + afterLastMs + " ms after the last publish");
        ra.endpointDeactivation(factory, spec);
        assertEquals(0, ch.messageCount(queue), "nothing left");
    }

    @Test
    void aBusyConsumerKeepsItsDrainBetweenBatchesRatherThanSchedulingOnePerBatch() throws Exception {
        String queue = queue("busy");
        Semaphore delivered = new Semaphore(0);
        Factory factory = new Factory(batch -> delivered.release());
        WarrenActivationSpec spec = spec(queue, 5, 60_000);
        ra.endpointActivation(factory, spec);
        assertTrue(awaitTrue(() -> ch.consumerCount(queue) == 1), "consuming");
        int bursts = 20;
        for (int b = 0; b < bursts; b++) { // the next burst arrives while the drain lingers after the last batch
            for (int i = 0; i < 5; i++) {
                publish(queue, "{\"b\":" + b + ",\"i\":" + i + "}", "application/json");
            }
            assertTrue(delivered.tryAcquire(10, TimeUnit.SECONDS), "burst " + b + " delivered; " + factory.sizes);
        }
        assertEquals(java.util.Collections.nCopies(bursts, 5), factory.sizes, "one full batch per burst");
        assertTrue(batchDrains.get() <= bursts / 2, "a drain out of messages waited for the next burst instead of"
                + " ending (each new drain is a scheduleWork): " + batchDrains.get() + " drains for " + bursts
                + " batches");
        long t0 = System.nanoTime();
        ra.endpointDeactivation(factory, spec);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "a lingering drain does not delay deactivation");
        assertEquals(0, ch.messageCount(queue), "nothing left");
    }

    @Test
    void deactivatingWithAPartialBatchHeldRequeuesIt() throws Exception {
        String queue = queue("undeploy");
        Factory factory = new Factory(batch -> { });
        WarrenActivationSpec spec = spec(queue, 50, 60_000);
        ra.endpointActivation(factory, spec);
        for (int i = 0; i < 4; i++) {
            publish(queue, "{\"i\":" + i + "}", "application/json");
        }
        // the consumer holds them (none ready on the broker) while the batch waits for 46 more
        assertTrue(awaitTrue(() -> ch.messageCount(queue) == 0 && ch.consumerCount(queue) == 1),
                "the consumer holds the partial batch");
        long t0 = System.nanoTime();
        ra.endpointDeactivation(factory, spec);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, factory.total(), "the bean never saw the partial batch");
        assertTrue(awaitTrue(() -> ch.messageCount(queue) == 4), "all 4 back in the queue");
        assertTrue(tookMs < 5_000, "deactivation did not wait for the 60 s batchTimeout: " + tookMs + " ms");
    }

    private static WarrenActivationSpec spec(String queue, int batchSize, long batchTimeout) {
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setDurable(false);
        spec.setPrefetch(2 * batchSize);
        spec.setBatchSize(batchSize);
        spec.setBatchTimeout(batchTimeout);
        spec.setAccept("json");
        return spec;
    }

    private interface Bean {
        void onMessages(List<Message> batch) throws Exception;
    }

    private static boolean awaitTrue(Await.Condition check) throws Exception {
        return Await.within(20_000, check);
    }

    /** @return the size of the batch that failed (0 if none did) once the condition holds */
    private static int await(Await.Condition check, Factory factory) throws Exception {
        assertTrue(awaitTrue(check), "timed out; batches so far: " + factory.sizes);
        return factory.failedSize.get();
    }

    /** A batch bean's endpoints: records batch sizes and what it saw, then runs the test's behaviour. */
    static final class Factory extends TestEndpointFactory {
        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        final Map<Object, Boolean> seen = new ConcurrentHashMap<>();
        final AtomicInteger failedSize = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong firstCallNanos = new java.util.concurrent.atomic.AtomicLong();
        private final AtomicInteger count = new AtomicInteger();
        private final Bean bean;

        Factory(Bean bean) {
            super("batch-it", WarrenBatchListener.class);
            this.bean = bean;
        }

        int total() {
            return count.get();
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new Endpoint();
        }

        final class Endpoint implements MessageEndpoint, WarrenBatchListener {
            @Override
            public void onMessages(List<Message> batch) throws Exception {
                firstCallNanos.compareAndSet(0, System.nanoTime());
                sizes.add(batch.size());
                for (Message m : batch) {
                    seen.put(m.payload(), Boolean.TRUE);
                }
                try {
                    bean.onMessages(batch);
                } catch (Exception e) {
                    failedSize.set(batch.size());
                    throw e;
                } finally {
                    count.addAndGet(batch.size());
                }
            }

            @Override
            public void beforeDelivery(Method method) {
            }

            @Override
            public void afterDelivery() {
            }

            @Override
            public void release() {
            }
        }
    }
}
