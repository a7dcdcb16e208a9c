package dev.warren.jca;

import dev.warren.Await;
import dev.warren.FaultNode;
import dev.warren.Message;
import dev.warren.amqp.ConnectionState;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import javax.transaction.xa.XAResource;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness follows the broker: on a private node (deployment/scripts/rabbit-node.sh; the shared broker is never
 * touched) an adapter with an activation and a connection factory is ready; the node stops and readiness is DOWN
 * within {@value #DOWN_BOUND_MILLIS} ms (the broker closes the connections as it stops, so the client sees the loss at
 * once), naming the recovering connections; the node restarts and readiness is UP again within
 * {@value #UP_BOUND_MILLIS} ms (the client's recovery, networkRecoveryInterval 1 s, plus the node's boot), with the
 * last error and the recovery time recorded. The JMX attribute Ready says the same.
 */
class HealthIT {
    static final long DOWN_BOUND_MILLIS = 5_000;
    static final long UP_BOUND_MILLIS = 30_000;

    private static FaultNode node;
    private static ExecutorService pool;
    private static WarrenResourceAdapter ra;

    @BeforeAll
    static void startNode() throws Exception {
        node = FaultNode.startOnFreePort("warrenhealth");
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void destroyNode() throws Exception {
        try {
            if (ra != null) {
                ra.stop();
            }
            pool.shutdownNow();
        } finally {
            node.close();
        }
    }

    @Test
    void readinessIsDownWhileTheBrokerIsDownAndUpAfterItsRestart() throws Exception {
        ra = new WarrenResourceAdapter();
        ra.setUri(node.uri());
        ra.setNetworkRecoveryInterval(1000L);
        ra.setMetricsName("health-it");
        ra.start(new ExecutorBootstrapContext(pool));
        WarrenManagedConnectionFactory mcf = new WarrenManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        WarrenConnectionFactory factory = (WarrenConnectionFactory) mcf.createConnectionFactory(
                (ConnectionManager) (m, info) -> m.createManagedConnection(null, info).getConnection(null, info));
        factory.getConnection().close(); // opens the outbound connection
        Idle bean = new Idle();
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue("warren-health");
        spec.setConcurrency(2);
        ra.endpointActivation(bean, spec);
        ObjectName mbean = Observability.objectName("ResourceAdapter", "health-it");
        try {
            assertTrue(Await.within(10_000, () -> factory.status().ready()), () -> "ready at first: "
                    + ra.status().problems());
            assertEquals(2, factory.status().totals().consumersOpen());
            assertEquals(true, ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "Ready"));

            long stopping = System.currentTimeMillis();
            node.stop(); // returns once the node is down
            long stopped = System.currentTimeMillis();
            assertTrue(Await.within(DOWN_BOUND_MILLIS, () -> !factory.status().ready()),
                    "not ready within " + DOWN_BOUND_MILLIS + " ms of the node's stop");
            long down = System.currentTimeMillis() - stopped;
            AdapterStatus s = factory.status();
            assertTrue(s.live(), "the adapter is still alive");
            assertTrue(s.problems().stream().anyMatch(p -> p.contains("(inbound)") && p.contains("RECOVERING")),
                    s.problems().toString());
            assertEquals(ConnectionState.RECOVERING, s.activations().get(0).connectionState());
            assertNotNull(s.activations().get(0).lastError(), "why it was lost");
            assertEquals(false, ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "Ready"));

            long restarting = System.currentTimeMillis();
            node.restart(); // returns once the node is up again
            long restarted = System.currentTimeMillis();
            assertTrue(Await.within(UP_BOUND_MILLIS, () -> factory.status().ready()),
                    () -> "ready again within " + UP_BOUND_MILLIS + " ms of the restart: " + ra.status().problems());
            long up = System.currentTimeMillis() - restarted;
            s = factory.status();
            assertEquals(2, s.totals().consumersOpen(), "both consumers are back");
            assertNotNull(s.totals().lastRecovery(), "the recovery is recorded");
            assertEquals(ConnectionState.OPEN, s.definitions().get(0).connectionState());
            System.out.println("HealthIT: DOWN " + down + " ms after the node was down (its graceful stop took "
                    + (stopped - stopping) + " ms), UP " + up + " ms after it was up again (its restart took "
                    + (restarted - restarting) + " ms)");
        } finally {
            ra.endpointDeactivation(bean, spec);
        }
    }

    /** A bean that receives nothing in this test. */
    static final class Idle extends TestEndpointFactory {
        Idle() {
            super("health-it", HealthBean.class);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new TestEndpointFactory.Endpoint() {
                @Override
                public void onMessage(Message message) {
                    // nothing
                }
            };
        }
    }

    /** The bean class the activation is named after. */
    static final class HealthBean {
    }
}
