package dev.warren.it.inbound;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.warren.testsupport.Broker;
import dev.warren.it.DeploymentsAccess;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inbound, in embedded Payara against the real broker: an EJB publishes, message-driven beans receive
 * (typed and kombu-style listeners), several instances run in parallel, and every failure policy ends on the
 * broker as promised.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class InboundIT {
    private static final Logger LOG = Logger.getLogger(InboundIT.class.getName());

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    @Deployment(name = "app", order = 2)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "inbound-it.war")
                .addClasses(InboundIT.class, Broker.class, dev.warren.Rabbitmqctl.class, Recorder.class, Sender.class, EchoMdb.class,
                        ParallelMdb.class, RequeueMdb.class, RejectMdb.class, DeadLetterMdb.class, BodyMdb.class, TxMdb.class,
                        QuorumRequeueMdb.class, BatchAckMdb.class);
    }

    @EJB
    Recorder recorder;

    @EJB
    Sender sender;

    @Test
    @OperateOnDeployment("app")
    public void anEjbPublishesAndAnMdbReceivesBodyHeadersAndContentType() throws Exception {
        sender.send("echo", Map.of("import_feed", "http://cnn.com/rss/edition.rss"), Map.of("x-feed", "cnn"));
        assertTrue(Broker.await(10_000, () -> recorder.count("echo") == 1), "the MDB received the message");
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) recorder.get("echo").get(0);
        assertEquals(Map.of("import_feed", "http://cnn.com/rss/edition.rss"), seen.get("payload"));
        assertEquals("application/json", seen.get("contentType"));
        assertEquals("cnn", String.valueOf(((Map<?, ?>) seen.get("headers")).get("x-feed")));
        assertEquals(Sender.EXCHANGE, seen.get("exchange"));
        assertEquals("echo", seen.get("routingKey"));
        LOG.info("MDB ran on thread " + seen.get("thread"));
        int inbound = Broker.connectionsNamed("warren-it-inbound (inbound)");
        LOG.info("AMQP connections for 9 activations / 13 consumer channels: " + inbound);
        assertEquals(1, inbound, "all activations' consumers share one inbound AMQP connection");
        try (Broker broker = new Broker()) {
            assertTrue(Broker.await(3000, () -> readyAndUnacked("warren-it-in-echo")[1] == 0), "acked");
            assertEquals(0, broker.messageCount("warren-it-in-echo"));
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void severalMdbInstancesRunInParallel() throws Exception {
        long start = System.currentTimeMillis();
        sender.sendMany("parallel", 12);
        assertTrue(Broker.await(20_000, () -> recorder.count("parallel") == 12));
        long took = System.currentTimeMillis() - start;
        int max = recorder.maxConcurrent("parallel");
        LOG.info("12 deliveries of 300 ms with concurrency 4: max " + max + " in parallel, " + took + " ms");
        assertTrue(max >= 3, "expected 3-4 concurrent onMessage calls, measured " + max);
        assertTrue(max <= 4, "concurrency 4 caps parallel calls, measured " + max);
        assertTrue(took < 12 * 300, "faster than sequential: " + took + " ms");
    }

    @Test
    @OperateOnDeployment("app")
    public void requeuePolicyRedeliversUntilTheBeanSucceeds() throws Exception {
        sender.send("requeue", Map.of("n", 1), Map.of());
        assertTrue(Broker.await(10_000, () -> recorder.count("requeue-ok") == 1));
        assertEquals(List.of(false, true), recorder.get("requeue-attempt"));
        assertTrue(Broker.await(3000, () -> {
            int[] q = readyAndUnacked("warren-it-in-requeue");
            return q[0] == 0 && q[1] == 0;
        }), "nothing left on the broker");
    }

    @Test
    @OperateOnDeployment("app")
    public void batchedAcknowledgementsDeliverEachMessageOnceAndLeaveNothingUnacked() throws Exception {
        sender.sendMany("batchack", 40);
        assertTrue(Broker.await(20_000, () -> recorder.count("batchack") == 40), "all 40 processed: "
                + recorder.count("batchack"));
        Thread.sleep(500); // a message redelivered by a wrong multiple-ack would show up now
        List<Object> seen = recorder.get("batchack");
        assertEquals(40, seen.size(), "no duplicates: " + seen);
        assertEquals(40, new java.util.HashSet<>(seen).size(), "each message once: " + seen);
        assertTrue(Broker.await(3000, () -> {
            int[] q = readyAndUnacked("warren-it-in-batchack");
            return q[0] == 0 && q[1] == 0;
        }), "no held acknowledgement is left behind once the consumers are idle");
    }

    @Test
    @OperateOnDeployment("app")
    public void rejectPolicyHandsTheMessageToTheQueuesDeadLettering() throws Exception {
        String dlq = "warren-it-in-reject-dlq";
        try (Broker broker = new Broker()) {
            broker.declareQueue(dlq);
            broker.purge(dlq);
            sender.send("reject", Map.of("n", 2), Map.of());
            assertTrue(Broker.await(10_000, () -> count(broker, dlq) == 1), "dead-lettered by the broker");
            assertEquals(1, recorder.count("reject-attempt"), "rejected once, not requeued");
            GetResponse r = broker.drain(dlq).get(0);
            assertTrue(r.getProps().getHeaders().containsKey("x-death"), "broker dead-lettering: " + r.getProps());
            assertEquals(0, readyAndUnacked("warren-it-in-reject")[0] + readyAndUnacked("warren-it-in-reject")[1]);
            broker.deleteQueue(dlq);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void deadLetterPolicyRetriesThenPublishesWithTheReason() throws Exception {
        String dlq = "warren-it-in-dl-dlq";
        try (Broker broker = new Broker()) {
            broker.declareQueue(dlq);
            broker.purge(dlq);
            sender.send("dl", Map.of("n", 3), Map.of("x-feed", "bbc"));
            assertTrue(Broker.await(15_000, () -> count(broker, dlq) == 1), "dead-lettered after the retries");
            assertEquals(3, recorder.count("dl-attempt"), "1 delivery + maxRedeliveries 2");
            GetResponse r = broker.drain(dlq).get(0);
            Map<String, Object> h = r.getProps().getHeaders();
            LOG.info("dead-letter headers: " + h);
            assertEquals("java.lang.IllegalStateException", String.valueOf(h.get("x-warren-exception")));
            assertEquals("boom", String.valueOf(h.get("x-warren-exception-message")));
            assertEquals(Sender.EXCHANGE, String.valueOf(h.get("x-warren-original-exchange")));
            assertEquals("dl", String.valueOf(h.get("x-warren-original-routing-key")));
            assertEquals("warren-it-in-dl", String.valueOf(h.get("x-warren-original-queue")));
            assertEquals(3, ((Number) h.get("x-warren-attempts")).intValue());
            assertEquals("bbc", String.valueOf(h.get("x-feed")), "original headers kept");
            assertEquals("{\"n\":3}", new String(r.getBody(), StandardCharsets.UTF_8).replace(" ", ""));
            assertEquals(0, readyAndUnacked("warren-it-in-dl")[0] + readyAndUnacked("warren-it-in-dl")[1]);
            broker.deleteQueue(dlq);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void undecodableContentGoesThroughThePolicyAndTheConsumerKeepsRunning() throws Exception {
        String dlq = "warren-it-in-body-dlq";
        try (Broker broker = new Broker()) {
            broker.declareQueue(dlq);
            broker.purge(dlq);
            // text/plain is a registered serializer but not in this activation's accept list (json only)
            broker.publish(Sender.EXCHANGE, "body", new AMQP.BasicProperties.Builder()
                    .contentType("text/plain").contentEncoding("utf-8").build(),
                    "not for you".getBytes(StandardCharsets.UTF_8));
            broker.publishJson(Sender.EXCHANGE, "body", "{not json", Map.of()); // malformed
            broker.publishJson(Sender.EXCHANGE, "body", "{\"after\": true}", Map.of());
            assertTrue(Broker.await(10_000, () -> recorder.count("body") >= 1), "the good message still arrives");
            assertEquals(List.of(Map.of("after", true)), recorder.get("body"), "kombu-style body argument");
            assertTrue(Broker.await(5000, () -> count(broker, dlq) == 2));
            List<GetResponse> dead = broker.drain(dlq);
            Map<String, Object> h1 = dead.get(0).getProps().getHeaders();
            Map<String, Object> h2 = dead.get(1).getProps().getHeaders();
            LOG.info("decode failures dead-lettered with: " + h1.get("x-warren-exception-message") + " | "
                    + h2.get("x-warren-exception-message"));
            assertEquals("dev.warren.ContentDisallowedException", String.valueOf(h1.get("x-warren-exception")));
            assertTrue(String.valueOf(h1.get("x-warren-exception-message")).contains("text/plain"),
                    String.valueOf(h1.get("x-warren-exception-message")));
            assertEquals("dev.warren.DecodeException", String.valueOf(h2.get("x-warren-exception")));
            broker.deleteQueue(dlq);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void aFailedTransactedDeliveryRollsBackWhatTheBeanPublished() throws Exception {
        try (Broker broker = new Broker()) {
            broker.declareQueue(TxMdb.SIDE_EFFECTS);
            broker.purge(TxMdb.SIDE_EFFECTS);
            sender.send("tx", Map.of("n", 4), Map.of());
            assertTrue(Broker.await(10_000, () -> recorder.count("tx-attempt") == 2), "failed, then redelivered");
            assertTrue(Broker.await(3000, () -> count(broker, TxMdb.SIDE_EFFECTS) >= 1));
            Thread.sleep(300);
            List<GetResponse> out = broker.drain(TxMdb.SIDE_EFFECTS);
            assertEquals(1, out.size(), "only the successful delivery's publish was committed");
            assertTrue(new String(out.get(0).getBody(), StandardCharsets.UTF_8).contains("redelivered=true"));
            broker.deleteQueue(TxMdb.SIDE_EFFECTS);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void requeueOnAQuorumQueueIsBoundedByTheDeliveryCount() throws Exception {
        String dlq = QuorumRequeueMdb.QUEUE + "-dlq";
        try (Broker broker = new Broker()) {
            broker.declareQueue(dlq);
            broker.purge(dlq);
            sender.send("quorum", Map.of("n", 5), Map.of());
            assertTrue(Broker.await(15_000, () -> count(broker, dlq) == 1), "rejected to the dead-letter queue");
            LOG.info("quorum requeue: x-delivery-count seen per attempt " + recorder.get("quorum-attempt"));
            assertEquals(List.of("null", "1", "2"), recorder.get("quorum-attempt"),
                    "1 delivery + maxRedeliveries 2, counted by the broker's x-delivery-count");
            GetResponse r = broker.drain(dlq).get(0);
            assertTrue(r.getProps().getHeaders().containsKey("x-death"), "broker dead-lettering: " + r.getProps());
            assertTrue(Broker.await(3000, () -> {
                int[] q = readyAndUnacked(QuorumRequeueMdb.QUEUE);
                return q[0] == 0 && q[1] == 0;
            }), "nothing left on the quorum queue");
            broker.deleteQueue(dlq);
        }
    }

    /** Runs last: it breaks the shared inbound connection on purpose. */
    @Test
    @Order(Integer.MAX_VALUE)
    @OperateOnDeployment("app")
    public void consumersResumeAfterTheInboundConnectionIsLost() throws Exception {
        int before = recorder.count("echo");
        List<String> closed = Broker.closeConnectionsNamed("warren-it-inbound (inbound)");
        assertEquals(1, closed.size(), "closed the shared inbound connection");
        long t0 = System.currentTimeMillis();
        try (Broker broker = new Broker()) {
            // the test queues are auto-delete: gone with the connection until recovery re-declares them
            assertTrue(Broker.await(30_000, () -> {
                try {
                    return broker.consumerCount("warren-it-in-echo") == 1;
                } catch (Exception e) {
                    return false;
                }
            }), "the client recovered the connection, the topology and the consumer");
        }
        LOG.info("consumer recovered " + (System.currentTimeMillis() - t0) + " ms after the broker closed the"
                + " inbound connection");
        sender.send("echo", Map.of("after", "recovery"), Map.of());
        assertTrue(Broker.await(10_000, () -> recorder.count("echo") == before + 1),
                "the MDB receives again after recovery");
    }

    private static int count(Broker b, String q) {
        try {
            return b.messageCount(q);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] readyAndUnacked(String q) {
        try {
            return Broker.readyAndUnacked(q);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
