package dev.warren.it.retry;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.warren.FaultNode;
import dev.warren.testsupport.Broker;
import dev.warren.it.DeploymentsAccess;
import dev.warren.it.FailedDeployment;
import dev.warren.it.PrivateNode;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delayed retries (issue 21) end to end in embedded Payara: a failed message waits in the broker's per-delay retry
 * queues (TTL, dead-lettered back to the work queue) between attempts.
 *
 * <p>Tolerance of the observed delays: each gap between two deliveries of a message is at least its delay minus
 * {@value #EARLY} ms (clock granularity) and at most its delay plus {@value #LATE} ms (the bean's failure, the
 * confirmed republish, the broker's TTL timer and the redelivery, on a loaded 2-core machine).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class DelayedRetryIT {
    static final String QUEUE = "warren-it-retry";
    static final String DLQ = "warren-it-retry-dlq";
    static final String RESTART_QUEUE = "warren-it-retry-restart";
    static final String RESTART_DLQ = "warren-it-retry-restart-dlq";
    static final long EARLY = 100;
    static final long LATE = 1000;
    private static final long[] DELAYS = {500, 1000, 2000};
    private static final Logger LOG = Logger.getLogger(DelayedRetryIT.class.getName());
    private static final String NODE = "warren.it.retry";

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    /** Starts a private node for the restart test and points RestartRetryMdb at it. */
    @Deployment(name = "app", order = 2)
    public static WebArchive app() throws Exception {
        FaultNode node = FaultNode.startOnFreePort("warrenitretry");
        PrivateNode.handOver(NODE, node, node);
        return PrivateNode.war("retry-it.war", node, "RestartRetryMdb", DelayedRetryIT.class, Broker.class,
                Attempts.class, Attempts.Delivery.class, BackoffMdb.class, RestartRetryMdb.class);
    }

    @Deployment(name = "bad", managed = false, testable = false)
    public static WebArchive bad() {
        return ShrinkWrap.create(WebArchive.class, "retry-bad-it.war").addClasses(BadBackoffMdb.class);
    }

    @EJB
    Attempts attempts;

    @ArquillianResource
    Deployer deployer;

    @Test
    @Order(1)
    @OperateOnDeployment("app")
    public void aPoisonMessageWaitsEachDelayThenIsDeadLetteredAfterExactlyFourAttempts() throws Exception {
        try (Broker broker = new Broker()) {
            broker.declareQueue(DLQ);
            broker.purge(DLQ);
            String poison = "poison:" + System.nanoTime();
            String plain = "plain:" + System.nanoTime();
            publish(broker, QUEUE, poison);
            assertTrue(Broker.await(10_000, () -> attempts.deliveries(poison).size() == 1), "first attempt");
            publish(broker, QUEUE, plain);
            assertTrue(Broker.await(10_000, () -> attempts.successes(plain) == 1), "the other message was processed");

            assertTrue(Broker.await(20_000, () -> count(broker, DLQ) == 1), "dead-lettered after the retries");
            List<Attempts.Delivery> seen = attempts.deliveries(poison);
            assertEquals(List.of(0, 1, 2, 3), seen.stream().map(Attempts.Delivery::attemptsHeader).toList(),
                    "exactly 1 + maxRedeliveries 3 attempts, each counted once");
            assertTrue(attempts.firstSuccessMillis(plain) < seen.get(3).millis(), "the other message was processed"
                    + " while the failed one waited: a waiting message holds no thread and no prefetch slot"
                    + " (concurrency 1, prefetch 1)");
            List<Long> gaps = gaps(seen);
            LOG.info("DELAYED RETRY: observed gaps " + gaps + " ms for delays 500, 1000, 2000 ms (tolerance -" + EARLY
                    + "/+" + LATE + " ms)");
            for (int i = 0; i < DELAYS.length; i++) {
                assertTrue(gaps.get(i) >= DELAYS[i] - EARLY && gaps.get(i) <= DELAYS[i] + LATE,
                        "retry " + (i + 1) + " waited " + gaps.get(i) + " ms, expected " + DELAYS[i] + " ms");
            }

            GetResponse r = broker.drain(DLQ).get(0);
            assertEquals(poison, new String(r.getBody(), StandardCharsets.UTF_8));
            Map<String, Object> h = r.getProps().getHeaders();
            LOG.info("dead-letter headers: " + h);
            assertEquals(4, ((Number) h.get("x-warren-attempts")).intValue());
            assertEquals("java.lang.IllegalStateException", String.valueOf(h.get("x-warren-exception")));
            assertEquals(QUEUE, String.valueOf(h.get("x-warren-original-queue")));
            assertEquals(QUEUE, String.valueOf(h.get("x-warren-original-routing-key")), "published to the queue");
            List<?> failures = (List<?>) h.get("x-warren-failures");
            assertEquals(4, failures.size(), "every attempt recorded: " + failures);
            for (int i = 0; i < 4; i++) {
                Map<?, ?> f = (Map<?, ?>) failures.get(i);
                assertEquals(i + 1, ((Number) f.get("attempt")).intValue());
                assertInstanceOf(Date.class, f.get("time"));
                assertEquals("java.lang.IllegalStateException", String.valueOf(f.get("exception")));
                assertEquals("failing " + poison + " (attempt " + (i + 1) + ")", String.valueOf(f.get("message")));
                assertEquals(i < 3 ? DELAYS[i] : null, f.get("delay") == null ? null
                        : ((Number) f.get("delay")).longValue());
            }
            assertNothingLeft(broker);
        }
    }

    @Test
    @Order(2)
    @OperateOnDeployment("app")
    public void aBeanThatSucceedsOnTheThirdAttemptProcessesOnceAndLeavesNothingBehind() throws Exception {
        try (Broker broker = new Broker()) {
            broker.declareQueue(DLQ);
            broker.purge(DLQ);
            String third = "third:" + System.nanoTime();
            publish(broker, QUEUE, third);
            assertTrue(Broker.await(15_000, () -> attempts.successes(third) == 1), "succeeded on the third attempt");
            assertNothingLeft(broker);
            List<Attempts.Delivery> seen = attempts.deliveries(third);
            assertEquals(List.of(0, 1, 2), seen.stream().map(Attempts.Delivery::attemptsHeader).toList());
            assertEquals(1, attempts.successes(third), "processed once");
            assertEquals(0, count(broker, DLQ), "nothing dead-lettered");
            List<Long> gaps = gaps(seen);
            LOG.info("DELAYED RETRY: third-attempt success after gaps " + gaps + " ms");
            for (int i = 0; i < 2; i++) {
                assertTrue(gaps.get(i) >= DELAYS[i] - EARLY && gaps.get(i) <= DELAYS[i] + LATE, "gaps " + gaps);
            }
        }
    }

    @Test
    @Order(3)
    @OperateOnDeployment("app")
    public void aBrokerRestartDuringADelayLosesNothingAndCountsNoAttemptTwice() throws Exception {
        FaultNode node = node();
        String id = "flaky:" + System.nanoTime();
        String retryQueue = RESTART_QUEUE + ".warren-retry.3000";
        try (Connection c = connect(node); Channel ch = c.createChannel()) {
            ch.confirmSelect();
            ch.queueDeclare(RESTART_DLQ, true, false, false, null);
            ch.queueDeclare(RESTART_QUEUE, true, false, false, null); // as the activation declares it
            ch.basicPublish("", RESTART_QUEUE, props(), id.getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
            assertTrue(Broker.await(15_000, () -> attempts.deliveries(id).size() == 1), "first attempt");
            assertTrue(Broker.await(10_000, () -> messageCount(ch, retryQueue) == 1), "waiting in " + retryQueue);
        }
        long t0 = System.currentTimeMillis();
        node.stop();
        long stopped = System.currentTimeMillis();
        node.restart();
        long up = System.currentTimeMillis();
        assertTrue(Broker.await(60_000, () -> attempts.successes(id) == 1), "succeeded after the restart");
        long done = System.currentTimeMillis();
        try (Connection c = connect(node); Channel ch = c.createChannel()) {
            assertTrue(Broker.await(10_000, () -> messageCount(ch, RESTART_QUEUE) == 0
                    && messageCount(ch, retryQueue) == 0), "nothing left waiting");
            assertEquals(0, messageCount(ch, RESTART_DLQ), "nothing dead-lettered");
        }
        List<Attempts.Delivery> seen = attempts.deliveries(id);
        LOG.info("DELAYED RETRY RESTART: stop took " + (stopped - t0) + " ms, start " + (up - stopped)
                + " ms; success " + (done - up) + " ms after the node was up; deliveries " + seen);
        assertEquals(List.of(0, 1, 2), seen.stream().map(Attempts.Delivery::attemptsHeader).toList(),
                "each attempt once: the count travelled in the message through the restart");
        assertEquals(1, attempts.successes(id));
    }

    @Test
    @Order(4)
    @RunAsClient
    public void aBadBackoffFailsTheDeploymentNamingThePropertyAndTheFix() throws Exception {
        String failure = FailedDeployment.message(deployer, "bad", "Invalid Warren activation property");
        LOG.info("deployment error reported by the server: " + failure);
        assertNotNull(failure, "the server reported the invalid activation");
        assertTrue(failure.contains("retryMaxDelay='1000'") && failure.contains("Fix:")
                && failure.contains("retryMaxDelay >= 5000"), failure);
    }

    /** Runs last: removes the private node. */
    @Test
    @Order(Integer.MAX_VALUE)
    @OperateOnDeployment("app")
    public void removeTheNode() throws Exception {
        node().close();
    }

    private static void assertNothingLeft(Broker broker) throws Exception {
        assertTrue(Broker.await(10_000, () -> {
            int[] work = readyAndUnacked(QUEUE);
            return work[0] + work[1] == 0;
        }), "the work queue is empty and nothing is unacknowledged");
        for (long d : DELAYS) {
            assertEquals(0, broker.messageCount(QUEUE + ".warren-retry." + d), "retry queue " + d + " ms is empty");
        }
    }

    private static List<Long> gaps(List<Attempts.Delivery> seen) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < seen.size(); i++) {
            gaps.add(seen.get(i).millis() - seen.get(i - 1).millis());
        }
        return gaps;
    }

    private static void publish(Broker broker, String queue, String id) throws Exception {
        broker.publish("", queue, props(), id.getBytes(StandardCharsets.UTF_8));
    }

    private static AMQP.BasicProperties props() {
        return new AMQP.BasicProperties.Builder().contentType("text/plain").contentEncoding("utf-8")
                .deliveryMode(2).build();
    }

    private static int count(Broker b, String q) {
        try {
            return b.messageCount(q);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] readyAndUnacked(String queue) {
        try {
            return Broker.readyAndUnacked(queue);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int messageCount(Channel ch, String queue) {
        try {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FaultNode node() {
        return PrivateNode.of(NODE);
    }

    private static Connection connect(FaultNode node) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(node.uri());
        f.setAutomaticRecoveryEnabled(false);
        f.setConnectionTimeout(3000);
        f.setThreadFactory(r -> {
            Thread t = new Thread(r, "retry-it-probe-io");
            t.setDaemon(true); // a failed test must not keep the forked JVM alive
            return t;
        });
        return f.newConnection("warren-it-retry-probe");
    }
}
