package dev.warren.jca;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Message;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One hand-over per message, on a real broker with the adapter outside a container: a single-message bean is called
 * on the client's dispatch thread, which is a WorkManager thread; each consumer channel still runs one call at a
 * time, in delivery order; a deactivation in the middle delivers nothing after it returns and loses nothing. A
 * WorkManager that rejects work (every third scheduleWork) stalls no channel: every message still reaches the bean,
 * only ever on WorkManager threads.
 */
class DispatchThreadIT {
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    private static final String WM_THREAD = "dispatch-it-wm-";

    private static ExecutorService pool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> new Thread(r, WM_THREAD + n.incrementAndGet()));
    }

    @Test
    void singleMessagesRunOnTheDispatchThreadOneAtATimePerChannelInOrderAndStopCleanly() throws Exception {
        String queue = "warren-dispatch-thread-" + UUID.randomUUID();
        int messages = 600; // 2 ms each on 2 channels: the second half takes long enough to stop in the middle
        ExecutorService pool = pool();
        Recording factory = new Recording(2);
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-dispatch-thread-it");
        ra.start(new ExecutorBootstrapContext(pool));
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        try (Connection c = cf.newConnection("warren-dispatch-thread-it-probe"); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
            for (int i = 0; i < messages; i++) {
                ch.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            WarrenActivationSpec spec = spec(queue);
            ra.endpointActivation(factory, spec);
            long deadline = System.currentTimeMillis() + 60_000;
            while (factory.deliveries.get() < messages / 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            ra.endpointDeactivation(factory, spec); // in the middle
            int delivered = factory.deliveries.get();
            Thread.sleep(300);

            assertEquals(delivered, factory.deliveries.get(), "nothing delivered after the deactivation returned");
            assertTrue(delivered >= messages / 2 && delivered < messages, "stopped in the middle: " + delivered);
            assertEquals(List.of(), factory.problems, "on the dispatch thread, one call per channel at a time, in order");
            assertEquals(2, factory.tagsOf.size(), "both channels delivered");
            factory.timesSeen.forEach((body, n) -> assertEquals(1, n.get(), body + " delivered once"));
            assertEquals(messages - delivered, ch.queueDeclarePassive(queue).getMessageCount(),
                    "the undelivered ones are back in the queue, the delivered ones acknowledged: nothing lost");
            ch.queueDelete(queue);
        } finally {
            ra.stop();
            pool.shutdownNow();
        }
    }

    @Test
    void aWorkManagerRejectingWorkStallsNoChannel() throws Exception {
        String queue = "warren-dispatch-rejected-" + UUID.randomUUID();
        int messages = 300;
        ExecutorService pool = pool();
        AtomicInteger scheduled = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        ExecutorBootstrapContext.PoolWorkManager wm = new ExecutorBootstrapContext.PoolWorkManager(pool) {
            @Override
            public void scheduleWork(Work work, long timeout, ExecutionContext ctx, WorkListener l)
                    throws jakarta.resource.spi.work.WorkException {
                if (scheduled.incrementAndGet() % 3 == 0) {
                    rejected.incrementAndGet();
                    throw new RejectedExecutionException("test: the WorkManager's queue is full");
                }
                super.scheduleWork(work, timeout, ctx, l);
            }

            @Override
            public void scheduleWork(Work work) throws jakarta.resource.spi.work.WorkException {
                scheduleWork(work, INDEFINITE, null, null);
            }
        };
        Recording factory = new Recording(0);
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-dispatch-rejected-it");
        ra.start(new ExecutorBootstrapContext(wm));
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        try (Connection c = cf.newConnection("warren-dispatch-rejected-it-probe"); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
            WarrenActivationSpec spec = spec(queue);
            ra.endpointActivation(factory, spec);
            for (int i = 0; i < messages; i++) { // arriving while consuming: many bursts, many hand-overs
                ch.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
                if (i % 10 == 0) {
                    Thread.sleep(2);
                }
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (factory.timesSeen.size() < messages && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            ra.endpointDeactivation(factory, spec);

            assertTrue(rejected.get() > 0, "the WorkManager rejected some work");
            assertEquals(messages, factory.timesSeen.size(), "every message reached the bean (" + rejected.get()
                    + " of " + scheduled.get() + " scheduleWork calls rejected)");
            assertEquals(List.of(), factory.offWorkManager, "the bean ran on WorkManager threads only");
            assertEquals(0, ch.queueDeclarePassive(queue).getMessageCount(), "all acknowledged");
            ch.queueDelete(queue);
        } finally {
            ra.stop();
            pool.shutdownNow();
        }
    }

    private static WarrenActivationSpec spec(String queue) {
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setDurable(false);
        spec.setPrefetch(20);
        spec.setConcurrency(2);
        return spec;
    }

    /** Records where and how each delivery ran. */
    static final class Recording extends TestEndpointFactory {
        final long sleepMillis;
        final AtomicInteger deliveries = new AtomicInteger();
        final Map<String, AtomicInteger> timesSeen = new ConcurrentHashMap<>();
        /** per consumer tag: calls in progress and the last delivery tag */
        final Map<String, AtomicInteger> inCall = new ConcurrentHashMap<>();
        final Map<String, Long> tagsOf = new ConcurrentHashMap<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final List<String> offWorkManager = new CopyOnWriteArrayList<>();

        Recording(long sleepMillis) {
            super("dispatch-thread-it", Bean.class);
            this.sleepMillis = sleepMillis;
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new Bean(this);
        }
    }

    static final class Bean extends TestEndpointFactory.Endpoint {
        private final Recording r;

        Bean(Recording r) {
            this.r = r;
        }

        @Override
        public void onMessage(Message message) {
            String consumer = message.deliveryInfo().consumerTag();
            long tag = message.deliveryInfo().deliveryTag();
            String thread = Thread.currentThread().getName();
            if (!thread.startsWith(WM_THREAD)) {
                r.offWorkManager.add(thread);
            }
            if (!WorkManagerExecutor.onDispatchThread() && r.sleepMillis > 0) {
                r.problems.add("not on the dispatch thread: " + thread);
            }
            if (r.inCall.computeIfAbsent(consumer, k -> new AtomicInteger()).incrementAndGet() != 1) {
                r.problems.add("two calls at once on " + consumer);
            }
            Long last = r.tagsOf.put(consumer, tag);
            if (last != null && last >= tag) {
                r.problems.add("delivery tag " + tag + " after " + last + " on " + consumer);
            }
            try {
                Thread.sleep(r.sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                r.inCall.get(consumer).decrementAndGet();
            }
            r.timesSeen.computeIfAbsent(new String(message.body(), StandardCharsets.UTF_8),
                    k -> new AtomicInteger()).incrementAndGet();
            r.deliveries.incrementAndGet();
        }
    }
}
