package dev.warren.jca;

import dev.warren.Await;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.warren.Acknowledger;
import dev.warren.LogCapture;
import dev.warren.Message;
import dev.warren.Rabbitmqctl;
import dev.warren.amqp.internal.SupervisedChannel;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An activation's consumer heals itself, one test per cause, against the real broker (the adapter without a
 * container: a WorkManager on an executor, the BootstrapContext's timer). Each test disturbs a consuming activation,
 * then measures how long until the broker shows the consumer again and messages published afterwards are
 * consumed, and counts every message: none lost (at-least-once: a message in flight during the outage may be
 * delivered twice), nothing left on the queue, one WARNING per outage and one INFO on recovery.
 *
 * <p>Bound stated: consuming again within {@value #BOUND_MS} ms after a channel-level cause (the first repair runs
 * after 1 s of backoff), and within networkRecoveryInterval ({@value #RECOVERY_MS} ms here) + {@value #BOUND_MS} ms
 * after the connection was closed.
 */
class ConsumerSupervisionIT {
    private static final Logger LOG = Logger.getLogger(ConsumerSupervisionIT.class.getName());
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    private static final String NAME = "warren-supervision-it";
    static final long BOUND_MS = 5000;
    static final long RECOVERY_MS = 1000;

    private final String queue = "warren-supervision-" + UUID.randomUUID();
    private final Records records = new Records();
    private ExecutorService pool;
    private WarrenResourceAdapter ra;
    private Connection probe;
    private Channel probeChannel;
    private LogCapture logs;

    @BeforeEach
    void setUp() throws Exception {
        logs = LogCapture.of("dev.warren");
        pool = Executors.newCachedThreadPool();
        ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName(NAME);
        ra.setNetworkRecoveryInterval(RECOVERY_MS);
        ra.start(new ExecutorBootstrapContext(pool));
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        probe = cf.newConnection(NAME + "-probe");
        probeChannel = probe.createChannel();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            ra.stop();
        } finally {
            pool.shutdownNow();
            logs.close();
            try (Channel ch = probe.createChannel()) {
                ch.queueDelete(queue);
            }
            probe.close();
        }
    }

    private WarrenActivationSpec spec() {
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setDurable(true);
        spec.setAutoDelete(false);
        spec.setPrefetch(1);
        spec.setConcurrency(1);
        spec.setFailurePolicy("requeue");
        return spec;
    }

    @Test
    void aMissingDeadLetterExchangeIsReportedTruthfullyAndTheConsumerComesBack() throws Exception {
        String dlx = "warren-supervision-dlx-" + UUID.randomUUID();
        String dlq = dlx + "-q";
        probeChannel.exchangeDeclare(dlx, "direct");
        WarrenActivationSpec spec = spec();
        spec.setFailurePolicy("dead-letter");
        spec.setMaxRedeliveries(0);
        spec.setDeadLetterExchange(dlx);
        spec.setDeadLetterRoutingKey(dlq);
        ra.endpointActivation(records, spec);
        try {
            publish("ok-", 0, 5);
            assertTrue(Await.within(10_000, () -> records.distinct("ok-") == 5), "consuming");

            probeChannel.exchangeDelete(dlx); // the dead-letter exchange disappears after the activation checked it
            publish("bad", -1, 0);
            assertTrue(Await.within(10_000, () -> logged(Level.WARNING, "NOT dead-lettered")), "the 404 is reported");
            LogRecord refused = first(Level.WARNING, "NOT dead-lettered");
            assertTrue(refused.getMessage().contains("NOT_FOUND"), refused.getMessage());
            assertTrue(logged(Level.WARNING, "404 NOT_FOUND"), "the supervision names the closed channel's cause");
            assertFalse(logged(Level.WARNING, "dead-lettered to exchange"), "never reported as dead-lettered");

            long t0 = System.currentTimeMillis();
            probeChannel.exchangeDeclare(dlx, "direct");
            probeChannel.queueDeclare(dlq, false, false, false, null);
            probeChannel.queueBind(dlq, dlx, dlq);
            assertTrue(Await.within(BOUND_MS + 5000, () -> messageCount(dlq) == 1),
                    "dead-lettered once the exchange exists");
            long took = System.currentTimeMillis() - t0;
            publish("ok-", 5, 10);
            assertTrue(Await.within(BOUND_MS, () -> records.distinct("ok-") == 10), "consuming again: " + records);
            LOG.info("missing dead-letter exchange: dead-lettered and consuming again " + took
                    + " ms after the exchange was declared again");
            assertTrue(took < BOUND_MS, "within " + BOUND_MS + " ms: " + took);
            GetResponse dead = probeChannel.basicGet(dlq, true);
            assertEquals("bad", new String(dead.getBody(), StandardCharsets.UTF_8));
            assertEquals("java.lang.IllegalStateException",
                    String.valueOf(dead.getProps().getHeaders().get("x-warren-exception")));
            assertQueueEmpty();
            int warnings = supervisionLogs(Level.WARNING);
            assertTrue(warnings >= 1, "the outage was logged");
            assertTrue(Await.within(2000, () -> supervisionLogs(Level.INFO) == supervisionLogs(Level.WARNING)),
                    "each outage (one per refused dead-letter) ended with one INFO: " + warnings);
        } finally {
            probeChannel.queueDelete(dlq);
            probeChannel.exchangeDelete(dlx);
        }
    }

    @Test
    void aQueueDeletedAndDeclaredAgainIsConsumedAgain() throws Exception {
        ra.endpointActivation(records, spec());
        publish("m-", 0, 5);
        assertTrue(Await.within(10_000, () -> records.distinct("m-") == 5), "consuming");
        long t0 = System.currentTimeMillis();
        probeChannel.queueDelete(queue);
        probeChannel.queueDeclare(queue, true, false, false, null); // another application declares it again
        publish("m-", 5, 10); // into the new queue before the activation consumes again: must not be lost
        long took = awaitConsumer(t0, BOUND_MS);
        assertTrue(Await.within(BOUND_MS, () -> records.distinct("m-") == 10), "consumed: " + records);
        LOG.info("queue deleted and declared again: consuming again after " + took + " ms");
        assertOneOutage();
        assertQueueEmpty();
    }

    @Test
    void aBrokerSideCancelIsRepairedByDeclaringTheQueueAgain() throws Exception {
        ra.endpointActivation(records, spec());
        publish("m-", 0, 5);
        assertTrue(Await.within(10_000, () -> records.distinct("m-") == 5), "consuming");
        Rabbitmqctl.run("delete_queue", queue); // an operator deletes it; the broker cancels the consumer
        long t0 = System.currentTimeMillis(); // rabbitmqctl itself takes a second or two
        long took = awaitConsumer(t0, BOUND_MS); // nobody else declares it: the activation does
        publish("m-", 5, 10);
        assertTrue(Await.within(BOUND_MS, () -> records.distinct("m-") == 10), "consumed: " + records);
        LOG.info("broker-side cancel: consuming again after " + took + " ms");
        assertTrue(first(Level.WARNING, "cancelled consumer") != null, "the cancel is named in the WARNING");
        assertOneOutage();
        assertQueueEmpty();
    }

    @Test
    void aForcedDoubleAckClosesTheChannelAndTheConsumerComesBack() throws Exception {
        ra.endpointActivation(records, spec());
        publish("m-", 0, 4);
        publish("double", -1, 0);
        publish("m-", 4, 9);
        assertTrue(Await.within(10_000, () -> logged(Level.WARNING, "406")), "the broker refused the second ack");
        long t0 = records.doubleAckAt.get() == 0 ? System.currentTimeMillis() : records.doubleAckAt.get();
        long took = awaitConsumer(t0, BOUND_MS);
        assertTrue(Await.within(BOUND_MS, () -> records.distinct("m-") == 9 && records.distinct("double") == 1),
                "every message consumed: " + records);
        LOG.info("forced double ack (406): consuming again after " + took + " ms; deliveries " + records);
        assertOneOutage();
        assertQueueEmpty();
    }

    @Test
    void theInboundConnectionClosedByAnOperatorIsRecovered() throws Exception {
        ra.endpointActivation(records, spec());
        publish("m-", 0, 5);
        assertTrue(Await.within(10_000, () -> records.distinct("m-") == 5), "consuming");
        assertEquals(1, Rabbitmqctl.closeConnectionsNamed(NAME + " (inbound)").size());
        long t0 = System.currentTimeMillis(); // rabbitmqctl itself takes a second or two
        assertTrue(Await.within(5000, () -> consumers() == 0), "the broker dropped the consumer");
        long took = awaitConsumer(t0, RECOVERY_MS + BOUND_MS);
        publish("m-", 5, 10);
        assertTrue(Await.within(BOUND_MS, () -> records.distinct("m-") == 10), "consumed: " + records);
        LOG.info("inbound connection closed (rabbitmqctl close_connection): consuming again after " + took + " ms");
        assertOneOutage();
        assertQueueEmpty();
    }

    // support

    private void publish(String prefix, int from, int to) throws Exception {
        if (from < 0) {
            probeChannel.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                    prefix.getBytes(StandardCharsets.UTF_8));
            return;
        }
        for (int i = from; i < to; i++) {
            probeChannel.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                    (prefix + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** @return milliseconds from t0 until the broker shows one consumer on the queue again */
    private long awaitConsumer(long t0, long bound) throws Exception {
        assertTrue(Await.within(bound + 5000, () -> consumers() == 1), "a consumer again");
        long took = System.currentTimeMillis() - t0;
        assertTrue(took < bound, "consuming again within " + bound + " ms: took " + took);
        return took;
    }

    private int consumers() {
        try (Channel ch = probe.createChannel()) {
            return ch.queueDeclarePassive(queue).getConsumerCount();
        } catch (Exception e) {
            return -1; // the queue does not exist (yet)
        }
    }

    private int messageCount(String q) {
        try (Channel ch = probe.createChannel()) {
            return ch.queueDeclarePassive(q).getMessageCount();
        } catch (Exception e) {
            return -1;
        }
    }

    private void assertQueueEmpty() throws Exception {
        assertTrue(Await.within(5000, () -> {
            try {
                for (String line : Rabbitmqctl.run("list_queues", "name", "messages_ready", "messages_unacknowledged")) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length == 3 && f[0].equals(queue)) {
                        return f[1].equals("0") && f[2].equals("0");
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), "nothing ready or unacknowledged left on " + queue);
    }

    private void assertOneOutage() throws Exception {
        assertEquals(1, supervisionLogs(Level.WARNING), "one WARNING per outage: " + texts());
        assertTrue(Await.within(2000, () -> supervisionLogs(Level.INFO) == 1), "one INFO on recovery: " + texts());
    }

    private int supervisionLogs(Level level) {
        return (int) logs.records().stream().filter(r -> r.getLoggerName().equals(SupervisedChannel.class.getName())
                && r.getLevel() == level).count();
    }

    private List<String> texts() {
        return logs.records().stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .map(r -> r.getLevel() + " " + format(r)).toList();
    }

    private boolean logged(Level level, String text) {
        return first(level, text) != null;
    }

    private LogRecord first(Level level, String text) {
        for (LogRecord r : logs.records()) {
            if (r.getLevel() == level && format(r).contains(text)) {
                return r;
            }
        }
        return null;
    }

    private static String format(LogRecord r) {
        String m = String.valueOf(r.getMessage());
        return r.getParameters() == null ? m : java.text.MessageFormat.format(m, r.getParameters());
    }

    /** The bean: counts deliveries by body; "bad…" fails; "double" acknowledges itself twice (a 406). */
    static final class Records extends TestEndpointFactory {
        final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicLong doubleAckAt = new java.util.concurrent.atomic.AtomicLong();

        Records() {
            super("supervision", null);
        }

        long distinct(String prefix) {
            return deliveries.keySet().stream().filter(k -> k.startsWith(prefix)).count();
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new Endpoint() {
                @Override
                public void onMessage(Message message) throws Exception {
                    String body = new String(message.body(), StandardCharsets.UTF_8);
                    deliveries.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
                    if (body.startsWith("bad")) {
                        throw new IllegalStateException("bad message " + body);
                    }
                    if (body.equals("double") && doubleAckAt.get() == 0) {
                        message.ack();
                        Field f = Message.class.getDeclaredField("acknowledger"); // bypass the state check
                        f.setAccessible(true);
                        doubleAckAt.set(System.currentTimeMillis());
                        ((Acknowledger) f.get(message)).ack(message.deliveryTag());
                    }
                }
            };
        }

        @Override
        public String toString() {
            return deliveries.toString();
        }
    }
}
