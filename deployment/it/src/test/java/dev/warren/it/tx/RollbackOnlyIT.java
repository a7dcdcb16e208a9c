package dev.warren.it.tx;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.warren.testsupport.Broker;
import dev.warren.it.DeploymentsAccess;
import dev.warren.it.inbound.Recorder;
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
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transaction's outcome decides the settlement, in embedded Payara against the real broker: a delivery whose
 * transaction rolls back — the bean returned normally after setRollbackOnly() — is never acknowledged; its row
 * (Payara's default DataSource, jdbc/__default) and its publish (a transactional Warren connection factory) are
 * undone, the message is redelivered, and the second delivery commits exactly one row and one publish. The same
 * for a bean-managed transaction whose commit rolls back. Exact counts, nothing left on the queues.
 */
@ExtendWith(ArquillianExtension.class)
public class RollbackOnlyIT {
    private static final Logger LOG = Logger.getLogger(RollbackOnlyIT.class.getName());

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    @Deployment(name = "app", order = 2)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "rollback-it.war")
                .addClasses(RollbackOnlyIT.class, Broker.class, dev.warren.Rabbitmqctl.class, Recorder.class,
                        TxResources.class, RollbackCmtMdb.class, RollbackBmtMdb.class, AlwaysRollbackMdb.class);
    }

    @EJB
    Recorder recorder;

    @EJB
    TxResources resources;

    @Test
    @OperateOnDeployment("app")
    public void aContainerTransactionMarkedRollbackOnlyIsRedeliveredAndCommitsOnce() throws Exception {
        redeliveredOnceThenCommitted("cmt", RollbackCmtMdb.QUEUE);
    }

    @Test
    @OperateOnDeployment("app")
    public void aBeanManagedTransactionThatRollsBackIsRedeliveredAndCommitsOnce() throws Exception {
        redeliveredOnceThenCommitted("bmt", RollbackBmtMdb.QUEUE);
    }

    @Test
    @OperateOnDeployment("app")
    public void aRolledBackDeliveryIsDeadLetteredAsTransactionRolledBack() throws Exception {
        resources.createTable();
        String id = UUID.randomUUID().toString();
        try (Broker broker = new Broker()) {
            broker.declareQueue(AlwaysRollbackMdb.DLQ);
            broker.purge(AlwaysRollbackMdb.DLQ);
            broker.declareQueue(TxResources.OUT);
            assertTrue(Broker.await(20_000, () -> consumers(broker, AlwaysRollbackMdb.QUEUE) == 1), "activated");
            publish(broker, AlwaysRollbackMdb.QUEUE, id);
            assertTrue(Broker.await(10_000, () -> count(broker, AlwaysRollbackMdb.DLQ) == 1), "dead-lettered");
            GetResponse dead = broker.drain(AlwaysRollbackMdb.DLQ).get(0);
            assertEquals(id, new String(dead.getBody(), StandardCharsets.UTF_8));
            assertEquals("transaction rolled back", String.valueOf(dead.getProps().getHeaders().get("x-warren-exception")));
            LOG.info("dead letter of a rolled-back delivery: x-warren-exception-message = "
                    + dead.getProps().getHeaders().get("x-warren-exception-message"));
            assertEquals(0, resources.rows("always", id), "the row was rolled back");
            assertEquals(0, outCount(broker, "always:" + id), "the publish was rolled back");
            assertNothingLeft(AlwaysRollbackMdb.QUEUE);
        }
    }

    private void redeliveredOnceThenCommitted(String kind, String queue) throws Exception {
        resources.createTable();
        String id = UUID.randomUUID().toString();
        try (Broker broker = new Broker()) {
            broker.declareQueue(TxResources.OUT);
            assertTrue(Broker.await(20_000, () -> consumers(broker, queue) == 1), "activated");
            publish(broker, queue, id);
            assertTrue(Broker.await(15_000, () -> recorder.count(kind + ":" + id) == 2), "delivered twice: "
                    + recorder.get(kind + ":" + id));
            assertNothingLeft(queue);
            assertTrue(Broker.await(5000, () -> rows(kind, id) == 1), "the second delivery's row committed");
            assertEquals(List.of(false, true), recorder.get(kind + ":" + id), "first delivery, then one redelivery");
            assertEquals(1, rows(kind, id), "exactly one row: the rolled-back insert left none");
            assertEquals(1, outCount(broker, kind + ":" + id), "exactly one publish: the rolled-back one left none");
            assertEquals(2, recorder.count(kind + ":" + id), "no third delivery");
            LOG.info(kind + ": 2 deliveries, 1 row, 1 publish, queue empty");
        }
    }

    private int rows(String kind, String id) {
        try {
            return resources.rows(kind, id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes every message of the out queue and counts those with this body (text, or a JSON string). */
    private static int outCount(Broker broker, String body) throws Exception {
        int n = 0;
        for (GetResponse r : broker.drain(TxResources.OUT)) {
            String got = new String(r.getBody(), StandardCharsets.UTF_8);
            if (got.equals(body) || got.equals("\"" + body + "\"")) {
                n++;
            }
        }
        return n;
    }

    private static void publish(Broker broker, String queue, String id) throws Exception {
        broker.publish("", queue, new AMQP.BasicProperties.Builder().contentType("text/plain").contentEncoding("utf-8")
                .deliveryMode(2).build(), id.getBytes(StandardCharsets.UTF_8));
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
