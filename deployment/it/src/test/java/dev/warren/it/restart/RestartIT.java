package dev.warren.it.restart;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.FaultNode;
import dev.warren.testsupport.Broker;
import dev.warren.it.DeploymentsAccess;
import dev.warren.it.PrivateNode;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message-driven bean consuming from a private RabbitMQ node (never the shared one on 5672) that is down
 * when the app deploys (setupAttempts=-1), then stopped gracefully and killed with kill -9 while 10,000
 * persistent messages are published with confirms: every confirmed message reaches the bean, consumers
 * come back without a redeploy.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class RestartIT {
    static final String QUEUE = "warren-it-restart";
    private static final Logger LOG = Logger.getLogger(RestartIT.class.getName());
    private static final String NODE = "warren.it.restart";
    private static final int MESSAGES = 10_000;

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    /** Picks the private node (stopped) and points the MDB at it; the node is started by the first test. */
    @Deployment(name = "app", order = 2)
    public static WebArchive app() throws Exception {
        FaultNode node = FaultNode.prepareOnFreePort("warrenitrestart");
        PrivateNode.handOver(NODE, node, node);
        return PrivateNode.war("restart-it.war", node, "RestartMdb", RestartIT.class, Broker.class, Ids.class,
                RestartMdb.class);
    }

    @EJB
    Ids ids;

    private static FaultNode node() {
        return PrivateNode.of(NODE);
    }

    @Test
    @Order(1)
    @OperateOnDeployment("app")
    public void anActivationDeployedWhileTheBrokerIsDownStartsWhenItComesUp() throws Exception {
        FaultNode node = node();
        assertFalse(reachable(node), "the node is down while the app deploys");
        long t0 = System.currentTimeMillis();
        node.restart(); // first start
        long up = System.currentTimeMillis();
        try (Connection c = connect(node); Channel ch = c.createChannel()) {
            ch.queueDeclare(QUEUE, true, false, false, null); // same as the activation's declaration
            ch.basicPublish("", QUEUE, props(), "probe".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(Broker.await(30_000, () -> ids.contains("probe")), "the late activation consumed the message");
        LOG.info("setupAttempts=-1: node started in " + (up - t0) + " ms; the MDB consumed "
                + (System.currentTimeMillis() - up) + " ms after the node was up");
    }

    @Test
    @Order(2)
    @OperateOnDeployment("app")
    public void tenThousandConfirmedMessagesSurviveAGracefulStopAndAKill() throws Exception {
        FaultNode node = node();
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> publisherFailure = new AtomicReference<>();
        long[] publishRetries = {0};
        Thread publisher = new Thread(() -> {
            try {
                publishRetries[0] = publish(node, confirmed);
            } catch (Throwable t) {
                publisherFailure.set(t);
            }
        }, "restart-it-publisher");
        publisher.setDaemon(true);
        long start = System.currentTimeMillis();
        publisher.start();
        try {
            restartTwice(node, confirmed, publisher, publisherFailure, publishRetries, start);
        } finally {
            publisher.interrupt();
        }
    }

    private void restartTwice(FaultNode node, Set<String> confirmed, Thread publisher,
                              AtomicReference<Throwable> publisherFailure, long[] publishRetries, long start)
            throws Exception {
        List<String> outages = new ArrayList<>();
        assertTrue(Broker.await(60_000, () -> confirmed.size() >= 3_000), "3000 confirmed before the stop");
        long t = System.currentTimeMillis();
        node.stop();
        long down = System.currentTimeMillis();
        node.restart();
        long back = System.currentTimeMillis();
        outages.add("graceful stop at " + (t - start) + " ms (stop took " + (down - t) + " ms, start "
                + (back - down) + " ms)");
        long afterStop = ids.deliveries();
        assertTrue(Broker.await(60_000, () -> ids.deliveries() > afterStop), "consuming again after the stop");
        long resumed1 = System.currentTimeMillis() - back;
        assertTrue(Broker.await(90_000, () -> confirmed.size() >= 6_500), "6500 confirmed before the kill");
        t = System.currentTimeMillis();
        node.kill();
        down = System.currentTimeMillis();
        node.restart();
        back = System.currentTimeMillis();
        outages.add("kill -9 at " + (t - start) + " ms (start took " + (back - down) + " ms)");
        long afterKill = ids.deliveries();
        assertTrue(Broker.await(60_000, () -> ids.deliveries() > afterKill), "consuming again after the kill");
        long resumed2 = System.currentTimeMillis() - back;
        publisher.join(120_000);
        assertFalse(publisher.isAlive(), "the publisher finished");
        if (publisherFailure.get() != null) {
            throw new AssertionError("publisher failed", publisherFailure.get());
        }
        assertEquals(MESSAGES, confirmed.size(), "every message eventually confirmed");
        assertTrue(Broker.await(120_000, () -> ids.snapshot().keySet().containsAll(confirmed)),
                "every confirmed message consumed");
        Thread.sleep(1000); // let late redeliveries land before counting duplicates
        Map<String, Integer> seen = ids.snapshot();
        Set<String> lost = new HashSet<>(confirmed);
        lost.removeAll(seen.keySet());
        long unique = confirmed.stream().filter(seen::containsKey).count();
        long duplicates = confirmed.stream().mapToLong(id -> Math.max(0, seen.getOrDefault(id, 0) - 1)).sum();
        long took = System.currentTimeMillis() - start;
        int[] readyConsumers;
        try (Connection c = connect(node); Channel ch = c.createChannel()) {
            AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(QUEUE);
            readyConsumers = new int[]{ok.getMessageCount(), ok.getConsumerCount()};
        }
        LOG.info("RESTART RESULT: confirmed " + confirmed.size() + ", consumed unique " + unique + ", lost "
                + lost.size() + ", duplicates " + duplicates + " (publisher batch retries " + publishRetries[0]
                + "); " + String.join("; ", outages) + "; consumption resumed " + resumed1 + " ms after the"
                + " graceful restart and " + resumed2 + " ms after the kill restart; total " + took
                + " ms; queue left ready=" + readyConsumers[0] + " consumers=" + readyConsumers[1]);
        assertEquals(0, lost.size(), "lost: " + lost.stream().limit(20).toList());
        assertEquals(MESSAGES, unique);
        assertEquals(0, readyConsumers[0], "nothing left on the queue");
        assertEquals(4, readyConsumers[1], "all 4 consumers of the activation are back, without a redeploy");
    }

    /** Publishes ids 0..9999 in confirmed batches; a batch that hits an outage is republished whole. */
    private static long publish(FaultNode node, Set<String> confirmed) throws Exception {
        long retries = 0;
        Connection c = null;
        Channel ch = null;
        int batch = 50;
        for (int from = 0; from < MESSAGES; ) {
            try {
                if (ch == null || !ch.isOpen()) {
                    closeQuietly(c);
                    c = connect(node);
                    ch = c.createChannel();
                    ch.confirmSelect();
                    ch.queueDeclare(QUEUE, true, false, false, null);
                }
                List<String> ids = new ArrayList<>();
                for (int i = from; i < Math.min(from + batch, MESSAGES); i++) {
                    String id = "m" + i;
                    ch.basicPublish("", QUEUE, props(), id.getBytes(StandardCharsets.UTF_8));
                    ids.add(id);
                }
                ch.waitForConfirmsOrDie(10_000);
                confirmed.addAll(ids);
                from += batch;
                Thread.sleep(40); // ~1000 msg/s, so the outages happen mid-flow
                if (Thread.currentThread().isInterrupted()) {
                    return retries;
                }
            } catch (Exception e) {
                retries++;
                closeQuietly(c);
                c = null;
                ch = null;
                Thread.sleep(250);
            }
        }
        closeQuietly(c);
        return retries;
    }

    private static AMQP.BasicProperties props() {
        return new AMQP.BasicProperties.Builder().contentType("text/plain").contentEncoding("utf-8")
                .deliveryMode(2).build();
    }

    private static Connection connect(FaultNode node) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(node.uri());
        f.setAutomaticRecoveryEnabled(false);
        f.setConnectionTimeout(3000);
        f.setThreadFactory(r -> {
            Thread t = new Thread(r, "restart-it-publisher-io");
            t.setDaemon(true); // a failed test must not keep the forked JVM alive
            return t;
        });
        return f.newConnection("warren-it-restart-publisher");
    }

    private static boolean reachable(FaultNode node) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", node.port()), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.abort(1000);
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }

    /** Runs last: removes the private node. */
    @Test
    @Order(Integer.MAX_VALUE)
    @OperateOnDeployment("app")
    public void removeTheNode() throws Exception {
        node().close();
    }
}
