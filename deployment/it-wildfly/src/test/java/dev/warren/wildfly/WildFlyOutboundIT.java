package dev.warren.wildfly;

import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.jca.ExchangeDefinition;
import dev.warren.jca.QueueDefinition;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.testsupport.Broker;
import dev.warren.wildfly.outbound.Publisher;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outbound on WildFly (IronJacamar) against the real broker, with the resources warren.cli created in the
 * resource-adapters subsystem: pooled handles from JNDI on one broker connection, the exchange and queue admin
 * objects, and the AMQP local transaction under a JTA transaction.
 */
@ExtendWith(ArquillianExtension.class)
public class WildFlyOutboundIT {
    private static final Logger LOG = Logger.getLogger(WildFlyOutboundIT.class.getName());

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return WildFlyDeployments.rar();
    }

    @Deployment(name = "app", order = 2)
    public static WebArchive app() {
        return WildFlyDeployments.war("outbound-wildfly.war", false)
                .addClasses(WildFlyOutboundIT.class, WildFlyDeployments.class, Publisher.class, Broker.class,
                        dev.warren.Rabbitmqctl.class);
    }

    @EJB
    Publisher publisher;

    @ArquillianResource
    ManagementClient management;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Test
    @OperateOnDeployment("app")
    public void pooledHandlesFromJndiShareOneBrokerConnection() throws Exception {
        Object cf = new InitialContext().lookup("java:/warren/cf");
        assertInstanceOf(WarrenConnectionFactory.class, cf, "the connection definition is bound in JNDI");
        int[] held = publisher.holdAtOnce(8);
        LOG.info("8 handles held at once: broker shows " + held[0] + " connection(s) named '"
                + Publisher.CONNECTION_NAME + "' with " + held[1] + " channels");
        assertEquals(1, held[0], "8 handles, one AMQP connection");
        assertTrue(held[1] >= 8, "one channel per pooled managed connection: " + held[1]);

        String queue = "warren-wf-checkouts";
        try (Broker broker = new Broker()) {
            broker.declareQueue(queue);
            broker.purge(queue);
            int checkouts = 200;
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < checkouts; i++) {
                int n = i;
                futures.add(executor.submit(() -> {
                    publisher.checkout(queue, n);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertTrue(Broker.await(5000, () -> broker.messageCount(queue) == checkouts), "every checkout published");
            int after = Broker.connectionsNamed(Publisher.CONNECTION_NAME);
            LOG.info(checkouts + " parallel checkouts (pool max 8): " + after + " broker connection(s)");
            assertEquals(1, after, "all pooled channels share one AMQP connection");
            broker.deleteQueue(queue);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void exchangeAndQueueAdminObjectsDescribeTheTopologyAndCarryAMessage() throws Exception {
        ExchangeDefinition media = (ExchangeDefinition) new InitialContext().lookup("java:/warren/exchange/media");
        QueueDefinition videoDefinition = (QueueDefinition) new InitialContext().lookup("java:/warren/queue/video");
        assertEquals(Exchange.direct("warren-wf-media"), media.toExchange());
        Queue video = videoDefinition.toQueue();
        assertEquals("warren-wf-video", video.name());
        assertEquals(1, video.bindings().size());
        assertEquals("warren-wf-media", video.bindings().get(0).exchange().name());
        assertEquals("video", video.bindings().get(0).routingKey());
        assertEquals(video, publisher.video().toQueue(), "the injected admin object is the same definition");

        try (WarrenConnection c = publisher.factory().getConnection(); Broker broker = new Broker()) {
            c.declare(video); // declares the exchange, the queue and the binding
            c.purge(video);
            c.producer(media.toExchange()).publish(Map.of("name", "/tmp/lolcat1.avi", "size", 1301013),
                    PublishOptions.to("video").header("x-origin", "wildfly"));
            assertTrue(Broker.await(3000, () -> broker.messageCount(video.name()) == 1), "routed by the binding");
            Optional<Message> got = c.get(video);
            Message m = got.orElseThrow();
            assertEquals(Map.of("name", "/tmp/lolcat1.avi", "size", 1301013), m.payload());
            assertEquals("application/json", m.contentType());
            assertEquals("wildfly", String.valueOf(m.headers().get("x-origin")));
            assertEquals("warren-wf-media", m.deliveryInfo().exchange());
            m.ack();
            assertEquals(0, broker.messageCount(video.name()));
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void aRolledBackTransactionPublishesNothingAndACommittedOneEverything() throws Exception {
        String queue = "warren-wf-tx";
        try (Broker broker = new Broker()) {
            broker.declareQueue(queue);
            broker.purge(queue);
            publisher.publishInTransaction(queue, "rolled back", true);
            publisher.publishInTransaction(queue, "committed", false);
            assertTrue(Broker.await(3000, () -> broker.messageCount(queue) == 1), "the commit published");
            List<String> bodies = new ArrayList<>();
            broker.drain(queue).forEach(r -> bodies.add(new String(r.getBody(), java.nio.charset.StandardCharsets.UTF_8)));
            LOG.info("after one rolled-back and one committed transaction the queue held " + bodies);
            assertEquals(1, bodies.size(), bodies.toString());
            assertTrue(bodies.get(0).contains("committed"), bodies.toString());
            assertFalse(bodies.stream().anyMatch(b -> b.contains("rolled back")), bodies.toString());
            broker.deleteQueue(queue);
        }
    }

    @Test
    @RunAsClient
    @OperateOnDeployment("app")
    public void theRarPassedIronJacamarsArchiveValidationWithWarningsAsFailures() throws Exception {
        ModelNode validation = execute("read-attribute", "fail-on-warn",
                "subsystem", "jca", "archive-validation", "archive-validation");
        assertTrue(validation.asBoolean(), "the build configures archive validation to fail on warnings");
        assertEquals("OK", execute("read-attribute", "status", "deployment", "warren.rar").asString(),
                "warren.rar deployed, so IronJacamar found nothing to warn about");
        ModelNode pool = execute("read-resource", null, "subsystem", "resource-adapters", "resource-adapter",
                "warren.rar", "connection-definitions", "warren-cf");
        assertEquals("java:/warren/cf", pool.get("jndi-name").asString(), "warren.cli's connection definition");
    }

    private ModelNode execute(String operation, String attribute, String... address) throws Exception {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        for (int i = 0; i < address.length; i += 2) {
            op.get("address").add(address[i], address[i + 1]);
        }
        if (attribute != null) {
            op.get("name").set(attribute);
        }
        ModelNode result = management.getControllerClient().execute(op);
        assertEquals("success", result.get("outcome").asString(), op + " -> " + result);
        return result.get("result");
    }
}
