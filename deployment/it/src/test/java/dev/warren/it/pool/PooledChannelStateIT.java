package dev.warren.it.pool;

import dev.warren.testsupport.Broker;
import dev.warren.it.DeploymentsAccess;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pooled channel returns to the pool in its factory's mode, in embedded Payara with a pool of one (so every call
 * gets the channel the previous one used): a container transaction then a confirmed publish, a confirmed publish
 * then a container transaction, a transaction then a plain publish, a confirm then a plain publish — every call
 * succeeds and every message arrives. A consumer started on a handle is cancelled when the handle closes, and its
 * acknowledgements commit and roll back with the container transaction.
 */
@ExtendWith(ArquillianExtension.class)
public class PooledChannelStateIT {
    private static final Logger LOG = Logger.getLogger(PooledChannelStateIT.class.getName());

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    @Deployment(name = "app", order = 2)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "pool-it.war")
                .addClasses(PooledChannelStateIT.class, Broker.class, dev.warren.Rabbitmqctl.class, PoolUser.class);
    }

    @EJB
    PoolUser pool;

    @Test
    @OperateOnDeployment("app")
    public void everyModeFollowsEveryOtherOnAPoolOfOne() throws Exception {
        String queue = "warren-it-pool-modes";
        try (Broker broker = new Broker()) {
            broker.declareQueue(queue);
            broker.purge(queue);
            List<String> failures = new ArrayList<>();
            int sent = 0;
            String[][] sequences = {{"tx", "confirm"}, {"confirm", "tx"}, {"tx", "plain"}, {"confirm", "plain"},
                    {"plain", "tx"}, {"tx", "tx"}, {"confirm", "confirm"}};
            for (String[] seq : sequences) {
                for (String mode : seq) {
                    String body = String.join(">", seq) + ":" + mode + ":" + sent;
                    try {
                        switch (mode) {
                            case "tx" -> pool.inTransaction(queue, body);
                            case "confirm" -> pool.confirmed(queue, body);
                            default -> pool.plain(queue, body);
                        }
                    } catch (Exception e) {
                        failures.add(body + " -> " + e);
                    }
                    sent++;
                }
            }
            assertEquals(List.of(), failures, "every call succeeds");
            int total = sent;
            assertTrue(Broker.await(5000, () -> count(broker, queue) == total), "every message arrives: "
                    + count(broker, queue) + " of " + total);
            assertEquals(1, Broker.connectionsNamed(PoolUser.CONNECTION_NAME + " (outbound)"));
            LOG.info("pool of one: " + total + " calls in " + sequences.length + " mode sequences, all succeeded and"
                    + " arrived");
            broker.deleteQueue(queue);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void aHandleConsumersAcksCommitAndRollBackWithTheTransaction() throws Exception {
        String queue = "warren-it-pool-consume";
        try (Broker broker = new Broker()) {
            broker.declareQueue(queue);
            broker.purge(queue);
            broker.publishJson("", queue, "\"only\"", java.util.Map.of());
            assertEquals("only", pool.consumeOneAndAck(queue, true));
            assertEquals(0, broker.consumerCount(queue), "the handle's consumer was cancelled when it closed");
            assertTrue(Broker.await(5000, () -> readyUnacked(queue)[0] == 1 && readyUnacked(queue)[1] == 0),
                    "the rolled-back ack left the message on the queue");
            assertEquals("only", pool.consumeOneAndAck(queue, false), "consumed again");
            assertEquals(0, broker.consumerCount(queue));
            assertTrue(Broker.await(5000, () -> readyUnacked(queue)[0] == 0 && readyUnacked(queue)[1] == 0),
                    "the committed ack removed it");
            pool.plain(queue, "after"); // the pooled channel that consumed is clean again
            assertTrue(Broker.await(5000, () -> count(broker, queue) == 1));
            broker.deleteQueue(queue);
        }
    }

    private static int[] readyUnacked(String queue) {
        try {
            return Broker.readyAndUnacked(queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(Broker b, String q) {
        try {
            return b.messageCount(q);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
