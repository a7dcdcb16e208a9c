package dev.warren.it.batch;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.warren.testsupport.Broker;
import dev.warren.it.DeploymentsAccess;
import dev.warren.it.inbound.Recorder;
import dev.warren.it.tx.TxResources;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch delivery to WarrenBatchListener beans in embedded Payara against the real broker: a partial batch arrives
 * batchTimeout after its first message (bounded); a bean that acknowledges some messages and throws sends only the
 * rest through the failure policy, each on its own count (retried once, then dead-lettered); a batch whose
 * container transaction is marked rollback-only is acknowledged in no part, its rows and publishes are undone and
 * every message comes back, and the redelivered batch commits once. Every published message is accounted for, and
 * nothing is left ready or unacknowledged.
 */
@ExtendWith(ArquillianExtension.class)
public class BatchListenerIT {
    private static final Logger LOG = Logger.getLogger(BatchListenerIT.class.getName());

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    @Deployment(name = "app", order = 2)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "batch-it.war")
                .addClasses(BatchListenerIT.class, Broker.class, dev.warren.Rabbitmqctl.class, Recorder.class,
                        TxResources.class, BatchTimeoutMdb.class, BatchPartialFailureMdb.class, BatchRollbackMdb.class);
    }

    @EJB
    Recorder recorder;

    @EJB
    TxResources resources;

    @Test
    @OperateOnDeployment("app")
    public void aPartialBatchIsDeliveredBatchTimeoutAfterItsFirstMessage() throws Exception {
        try (Broker broker = new Broker()) {
            assertTrue(Broker.await(20_000, () -> consumers(broker, BatchTimeoutMdb.QUEUE) == 1), "activated");
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                broker.publishJson("", BatchTimeoutMdb.QUEUE, "{\"i\":" + i + "}", Map.of());
            }
            assertTrue(Broker.await(10_000, () -> recorder.count("timeout-size") == 1), "one batch arrived");
            long ms = ((Long) recorder.get("timeout-at").get(0) - t0) / 1_000_000;
            LOG.info("partial batch of 3 (batchSize 20, batchTimeout " + BatchTimeoutMdb.TIMEOUT_MS + " ms) delivered "
                    + ms + " ms after the first publish");
            assertEquals(List.of(3), recorder.get("timeout-size"), "the three, as one partial batch");
            assertTrue(ms >= BatchTimeoutMdb.TIMEOUT_MS - 20 && ms < BatchTimeoutMdb.TIMEOUT_MS + 1500,
                    "delivered after batchTimeout and within 1.5 s more: " + ms + " ms");
            assertNothingLeft(BatchTimeoutMdb.QUEUE);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void whatTheBeanAckedStaysAckedAndTheRestFollowTheFailurePolicyOneByOne() throws Exception {
        try (Broker broker = new Broker()) {
            broker.declareQueue(BatchPartialFailureMdb.DLQ);
            broker.purge(BatchPartialFailureMdb.DLQ);
            assertTrue(Broker.await(20_000, () -> consumers(broker, BatchPartialFailureMdb.QUEUE) == 1), "activated");
            for (int i = 0; i < 10; i++) {
                broker.publishJson("", BatchPartialFailureMdb.QUEUE, "{\"i\":" + i + "}", Map.of());
            }
            assertTrue(Broker.await(20_000, () -> count(broker, BatchPartialFailureMdb.DLQ) == 6),
                    "the six the bean did not ack were dead-lettered: " + count(broker, BatchPartialFailureMdb.DLQ));
            List<GetResponse> dead = broker.drain(BatchPartialFailureMdb.DLQ);
            Map<Integer, Integer> attempts = new TreeMap<>();
            for (GetResponse r : dead) {
                String body = new String(r.getBody(), StandardCharsets.UTF_8).replace(" ", "");
                int i = Integer.parseInt(body.replaceAll("\\D", ""));
                attempts.put(i, ((Number) r.getProps().getHeaders().get("x-warren-attempts")).intValue());
                assertEquals("java.lang.IllegalStateException",
                        String.valueOf(r.getProps().getHeaders().get("x-warren-exception")));
            }
            LOG.info("partial failure: batch sizes " + recorder.get("partial-size") + ", dead-lettered (i=attempts) "
                    + attempts);
            assertEquals(Map.of(4, 2, 5, 2, 6, 2, 7, 2, 8, 2, 9, 2), attempts, "each of 4-9 failed twice on its"
                    + " own count (1 delivery + maxRedeliveries 1), then was dead-lettered");
            assertEquals(List.of(0, 1, 2, 3), sorted(recorder.get("partial-acked")), "0-3 acked by the bean, once");
            List<Object> seen = recorder.get("partial-seen");
            assertEquals(16, seen.size(), "0-3 once, 4-9 twice: " + seen);
            assertEquals(10, recorder.get("partial-seen").stream().distinct().count());
            assertNothingLeft(BatchPartialFailureMdb.QUEUE);
            // accounted: 4 acked by the bean + 6 dead-lettered = the 10 published
            assertEquals(10, recorder.get("partial-acked").size() + dead.size());
            broker.deleteQueue(BatchPartialFailureMdb.DLQ);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void aRolledBackBatchIsAcknowledgedInNoPartAndComesBackWhole() throws Exception {
        resources.createTable();
        List<String> ids = new ArrayList<>();
        try (Broker broker = new Broker()) {
            broker.declareQueue(TxResources.OUT);
            broker.drain(TxResources.OUT);
            assertTrue(Broker.await(20_000, () -> consumers(broker, BatchRollbackMdb.QUEUE) == 1), "activated");
            for (int i = 0; i < 5; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                broker.publish("", BatchRollbackMdb.QUEUE, new AMQP.BasicProperties.Builder().contentType("text/plain")
                        .contentEncoding("utf-8").build(), id.getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(Broker.await(20_000, () -> ids.stream().allMatch(id -> recorder.count("rollback:" + id) == 2)),
                    "every message delivered twice: " + recorder.get("rollback-size"));
            assertNothingLeft(BatchRollbackMdb.QUEUE);
            LOG.info("rollback: batch sizes " + recorder.get("rollback-size"));
            int rows = 0;
            for (String id : ids) {
                assertEquals(List.of(false, true), recorder.get("rollback:" + id), "first delivery, then one"
                        + " redelivery: none was acknowledged by the rolled-back batch");
                rows += resources.rows("batch", id);
            }
            assertEquals(5, rows, "one committed row per message: the rolled-back batch left none");
            int published = 0;
            for (GetResponse r : broker.drain(TxResources.OUT)) {
                String body = new String(r.getBody(), StandardCharsets.UTF_8).replace("\"", "");
                if (ids.stream().anyMatch(id -> body.equals("batch:" + id))) {
                    published++;
                }
            }
            assertEquals(5, published, "one committed publish per message");
            assertEquals(List.of(5), recorder.get("rollback-size").subList(0, 1), "the first batch held all five");
        }
    }

    private static List<Integer> sorted(List<Object> values) {
        return values.stream().map(v -> ((Number) v).intValue()).sorted().toList();
    }

    private static void assertNothingLeft(String queue) throws Exception {
        assertTrue(Broker.await(5000, () -> {
            try {
                int[] q = Broker.readyAndUnacked(queue);
                return q[0] == 0 && q[1] == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), "nothing ready or unacknowledged on " + queue);
    }

    private static int consumers(Broker b, String q) {
        try {
            return b.consumerCount(q);
        } catch (Exception e) {
            return -1;
        }
    }

    private static int count(Broker b, String q) {
        try {
            return b.messageCount(q);
        } catch (Exception e) {
            return -1;
        }
    }
}
