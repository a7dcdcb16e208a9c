package dev.warren.jca;

import dev.warren.Await;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.amqp.ConnectionState;
import dev.warren.amqp.ConnectionStats;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.transaction.xa.XAResource;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact metrics after a scripted sequence on the shared broker, the adapter without a container: a connection factory
 * publishes 9 messages with confirms (6 that succeed, 2 that fail and are dead-lettered, 1 that the bean requeues once)
 * and a peer publishes one body that is not JSON (a decode error, dead-lettered). The counts are read through
 * {@link WarrenConnectionFactory#status()}, the MBeans and the client's per-connection counts; the MBeans go away
 * with the activation and the adapter.
 */
class MetricsIT {
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    private ExecutorService pool;
    private WarrenResourceAdapter ra;
    private Connection probe;
    private Channel ch;
    private String queue;
    private String dlq;

    @BeforeEach
    void start() throws Exception {
        pool = Executors.newCachedThreadPool();
        ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-metrics-it");
        ra.setMetricsName("metrics-it");
        ra.start(new ExecutorBootstrapContext(pool));
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        probe = cf.newConnection("warren-metrics-it-probe");
        ch = probe.createChannel();
        queue = "warren-metrics-" + UUID.randomUUID();
        dlq = queue + "-dlq";
        ch.queueDeclare(dlq, false, false, true, null);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            ra.stop();
            pool.shutdownNow();
            ch.queueDelete(queue);
            ch.queueDelete(dlq);
        } finally {
            probe.close();
        }
    }

    @Test
    void aScriptedSequenceGivesExactCountsInTheStatusTheMBeansAndTheClientCounts() throws Exception {
        WarrenManagedConnectionFactory mcf = new WarrenManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        mcf.setPublisherConfirms(true);
        mcf.setMetricsName("metrics-it-cf");
        WarrenConnectionFactory factory = (WarrenConnectionFactory) mcf.createConnectionFactory(
                (ConnectionManager) (m, info) -> m.createManagedConnection(null, info).getConnection(null, info));
        Bean bean = new Bean();
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setDurable(false);
        spec.setFailurePolicy("dead-letter");
        spec.setMaxRedeliveries(0);
        spec.setDeadLetterRoutingKey(dlq);
        ra.endpointActivation(bean, spec);
        ObjectName activationMBean = Observability.objectName("Activation", "MetricsBean/" + queue);
        try {
            assertTrue(Await.within(10_000, () -> factory.status().ready()),
                    () -> "ready: " + status(factory).problems());
            try (WarrenConnection c = factory.getConnection()) {
                for (String body : List.of("ok", "ok", "fail", "ok", "requeue", "ok", "fail", "ok", "ok")) {
                    c.producer(Exchange.DEFAULT).publish(body, queue);
                }
            }
            ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().contentType("application/json").build(),
                    "{not json".getBytes(StandardCharsets.UTF_8));
            assertTrue(Await.within(15_000,
                    () -> count(dlq) == 3 && status(factory).activations().get(0).acked() == 10),
                    () -> "3 dead-lettered, 10 acked: " + status(factory).activations());

            AdapterStatus s = factory.status();
            WarrenMetrics cf = s.definitions().get(0);
            assertEquals("metrics-it-cf", cf.name());
            assertEquals(List.of(9L, 9L, 0L, 0L, 0L), List.of(cf.published(), cf.confirmed(), cf.nacked(),
                    cf.returned(), cf.publishFailures()), "published, confirmed, nacked, returned, failed: " + cf);
            assertEquals(ConnectionState.OPEN, cf.connectionState());
            WarrenMetrics a = s.activations().get(0);
            assertEquals("MetricsBean/" + queue, a.name(), "the bean class and its queue");
            // received: 10 + the requeued one again; acked: 6 ok + 1 redelivered + 3 dead-lettered originals
            assertEquals(List.of(11L, 10L, 0L, 1L, 3L, 1L, 1L, 0L, 1),
                    List.of(a.consumed(), a.acked(), a.rejected(), a.requeued(), a.deadLettered(), a.redelivered(),
                            a.decodeErrors(), a.inFlight(), a.consumersOpen()),
                    "consumed, acked, rejected, requeued, dead-lettered, redelivered, decode errors, in flight,"
                            + " consumers: " + a);
            assertEquals(List.of(3L, 3L), List.of(a.published(), a.confirmed()), "the 3 dead-letter publishes");
            assertTrue(a.beanTimeP50Micros() > 0 && a.beanTimeP99Micros() >= a.beanTimeP50Micros(), a.toString());
            assertEquals(12, s.totals().published(), "the adapter's totals sum both scopes");
            assertEquals(11, s.totals().consumed());

            // the client's own counts per connection (MetricsCollector)
            ConnectionStats inbound = connection(s, "inbound");
            ConnectionStats outbound = connection(s, "outbound");
            assertEquals(List.of(11L, 10L, 1L), List.of(inbound.consumed(), inbound.acked(), inbound.rejected()),
                    "client: consumed, acked, rejected (the requeue): " + inbound);
            assertEquals(List.of(9L, 9L), List.of(outbound.published(), outbound.confirmed()), outbound.toString());

            // the same numbers through JMX
            assertEquals(11L, MBEANS.getAttribute(activationMBean, "Consumed"));
            assertEquals(3L, MBEANS.getAttribute(activationMBean, "DeadLettered"));
            assertEquals(1L, MBEANS.getAttribute(activationMBean, "DecodeErrors"));
            assertEquals("OPEN", MBEANS.getAttribute(activationMBean, "ConnectionState"));
            ObjectName adapterMBean = Observability.objectName("ResourceAdapter", "metrics-it");
            assertEquals(true, MBEANS.getAttribute(adapterMBean, "Ready"));
            assertEquals(12L, MBEANS.getAttribute(adapterMBean, "Published"));
            assertEquals(9L, MBEANS.getAttribute(Observability.objectName("ConnectionFactory", "metrics-it-cf"),
                    "Confirmed"));
        } finally {
            ra.endpointDeactivation(bean, spec);
        }
        assertFalse(MBEANS.isRegistered(activationMBean), "deactivation unregisters the activation's MBean");
        ra.stop();
        assertEquals(0, MBEANS.queryNames(new ObjectName("dev.warren:*"), null).size(),
                "no Warren MBean outlives the adapter: " + MBEANS.queryNames(new ObjectName("dev.warren:*"), null));
        ra = new WarrenResourceAdapter(); // for @AfterEach
        ra.start(new ExecutorBootstrapContext(pool));
    }

    @Test
    void metricsOffCountsNothingButReadinessStillWorks() throws Exception {
        ra.stop();
        ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setMetrics(false);
        ra.start(new ExecutorBootstrapContext(pool));
        Bean bean = new Bean();
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setDurable(false);
        ra.endpointActivation(bean, spec);
        try {
            assertTrue(Await.within(10_000, () -> ra.status().ready()), () -> "ready: " + ra.status().problems());
            ch.basicPublish("", queue, null, "\"ok\"".getBytes(StandardCharsets.UTF_8));
            assertTrue(Await.within(10_000, () -> bean.calls == 1), "delivered");
            WarrenMetrics a = ra.status().activations().get(0);
            assertEquals(List.of(0L, 0L, 1), List.of(a.consumed(), a.acked(), a.consumersOpen()), a.toString());
        } finally {
            ra.endpointDeactivation(bean, spec);
        }
    }

    private static AdapterStatus status(WarrenConnectionFactory f) {
        try {
            return f.status();
        } catch (jakarta.resource.ResourceException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConnectionStats connection(AdapterStatus s, String role) {
        return s.connections().stream().filter(c -> c.name().endsWith("(" + role + ")")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " connection in " + s.connections()));
    }

    private int count(String q) {
        try {
            return ch.queueDeclarePassive(q).getMessageCount();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads every payload: "fail" throws, "requeue" is requeued by the bean on its first delivery. */
    static final class Bean extends TestEndpointFactory {
        volatile int calls;

        Bean() {
            super("metrics-it", MetricsBean.class);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new TestEndpointFactory.Endpoint() {
                @Override
                public void onMessage(Message message) {
                    calls++;
                    Object body = message.payload();
                    if ("fail".equals(body)) {
                        throw new IllegalStateException("scripted failure");
                    }
                    if ("requeue".equals(body) && !message.deliveryInfo().redelivered()) {
                        message.requeue();
                    }
                }
            };
        }
    }

    /** The bean class the activation is named after. */
    static final class MetricsBean {
    }
}
