package dev.warren.it.outbound;

import dev.warren.BrokerException;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.testsupport.Broker;
import dev.warren.jca.ExchangeDefinition;
import dev.warren.jca.QueueDefinition;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.annotation.Resource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outbound, in embedded Payara against the real broker: resource injection and JNDI lookup, publish and
 * polling get through a pooled handle, a fixed AMQP connection count under many checkouts, AMQP local
 * transactions, handle misuse and broken channels.
 */
@ExtendWith(ArquillianExtension.class)
public class OutboundIT {
    private static final Logger LOG = Logger.getLogger(OutboundIT.class.getName());

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return dev.warren.it.DeploymentsAccess.rar();
    }

    @Deployment(name = "app", order = 2)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "outbound-it.war")
                .addClasses(OutboundIT.class, Publisher.class, Broker.class, dev.warren.Rabbitmqctl.class);
    }

    @EJB
    Publisher publisher;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Test
    @OperateOnDeployment("app")
    public void factoryAndAdminObjectsAreInjectedAndBoundInJndi() throws Exception {
        assertNotNull(publisher.factory(), "@Resource injection of the connection factory");
        Object cf = new InitialContext().lookup("java:app/warren/cf");
        assertInstanceOf(WarrenConnectionFactory.class, cf);
        ExchangeDefinition ex = (ExchangeDefinition) new InitialContext().lookup("java:app/warren/media");
        QueueDefinition q = (QueueDefinition) new InitialContext().lookup("java:app/warren/video");
        assertEquals(Exchange.direct("warren-it-media"), ex.toExchange());
        Queue video = q.toQueue();
        assertEquals("warren-it-video", video.name());
        assertEquals(1, video.bindings().size());
        assertEquals("video", video.bindings().get(0).routingKey());
        assertEquals(600000L, video.arguments().get("x-message-ttl"));
        assertEquals(publisher.video(), video, "the injected admin object gives the same value");
    }

    @Test
    @OperateOnDeployment("app")
    public void publishAndPollThroughAHandle() throws Exception {
        WarrenConnectionFactory cf = publisher.factory();
        Queue video = publisher.video();
        try (WarrenConnection c = cf.getConnection(); Broker broker = new Broker()) {
            c.declare(video);
            c.purge(video);
            c.producer(publisher.media()).publish(Map.of("name", "/tmp/lolcat1.avi", "size", 1301013),
                    PublishOptions.to("video").header("x-origin", "outbound-it"));
            Optional<Message> got = Optional.empty();
            for (int i = 0; i < 50 && got.isEmpty(); i++) {
                got = c.get(video);
                if (got.isEmpty()) {
                    Thread.sleep(20);
                }
            }
            Message m = got.orElseThrow();
            assertEquals("application/json", m.contentType());
            assertEquals("outbound-it", String.valueOf(m.headers().get("x-origin")));
            assertEquals(Map.of("name", "/tmp/lolcat1.avi", "size", 1301013), m.payload());
            assertEquals("warren-it-media", m.deliveryInfo().exchange());
            m.ack();
            assertEquals(0, broker.messageCount(video.name()));
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void manyCheckoutsKeepOneAmqpConnection() throws Exception {
        String queue = "warren-it-checkouts";
        try (Broker broker = new Broker()) {
            broker.declareQueue(queue);
            broker.purge(queue);
            int before = Broker.connectionsNamed(Publisher.CONNECTION_NAME + " (outbound)");
            List<Future<?>> futures = new ArrayList<>();
            int checkouts = 300;
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
            int after = Broker.connectionsNamed(Publisher.CONNECTION_NAME + " (outbound)");
            LOG.info("AMQP connections named '" + Publisher.CONNECTION_NAME + " (outbound)': before " + before
                    + ", after " + checkouts + " parallel checkouts " + after);
            assertTrue(before <= 1);
            assertEquals(1, after, "all pooled channels share one AMQP connection");
            assertTrue(Broker.await(5000, () -> count(broker, queue) == checkouts));
            broker.deleteQueue(queue);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void localTransactionCommitPublishesAndRollbackDoesNot() throws Exception {
        String queue = "warren-it-tx";
        try (Broker broker = new Broker()) {
            broker.declareQueue(queue);
            broker.purge(queue);
            publisher.publishInTransaction(queue, "committed", false);
            assertTrue(Broker.await(3000, () -> count(broker, queue) == 1), "commit publishes");
            publisher.publishInTransaction(queue, "rolled back", true);
            Thread.sleep(300);
            assertEquals(1, broker.messageCount(queue), "rollback publishes nothing");
            for (int i = 0; i < 10; i++) { // pooled channels now in tx mode: outside a transaction, auto-commit
                publisher.publishWithoutTransaction(queue, "plain " + i);
            }
            assertTrue(Broker.await(3000, () -> count(broker, queue) == 11), "no-tx publishes visible at once");
            List<String> bodies = new ArrayList<>();
            broker.drain(queue).forEach(r -> bodies.add(new String(r.getBody())));
            assertFalse(bodies.stream().anyMatch(b -> b.contains("rolled back")), bodies.toString());
            broker.deleteQueue(queue);
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void aClosedHandleFailsClearly() throws Exception {
        WarrenConnection c = publisher.factory().getConnection();
        c.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.declare(Queue.named("x")));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        c.close(); // idempotent
    }

    @Test
    @OperateOnDeployment("app")
    public void aBrokenChannelIsDroppedAndTheNextHandleWorks() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (WarrenConnection c = publisher.factory().getConnection()) {
                BrokerException e = assertThrows(BrokerException.class,
                        () -> c.declarePassive(Queue.named("warren-it-does-not-exist")));
                assertEquals(404, e.replyCode());
                assertTrue(e.channelClosed());
                assertFalse(c.isOpen());
            }
        }
        for (int i = 0; i < 10; i++) {
            try (WarrenConnection c = publisher.factory().getConnection()) {
                assertTrue(c.isOpen(), "the pool never hands out a broken channel");
                c.declare(Queue.builder("warren-it-after-error").durable(false).autoDelete(true).build());
            }
        }
    }

    @Test
    @OperateOnDeployment("app")
    public void theFactorysDeclarationsExistOnceAChannelIsTaken() throws Exception {
        try (WarrenConnection c = publisher.factory().getConnection(); Broker broker = new Broker()) {
            broker.purge("warren-it-decl-q"); // throws if the declarations did not run
            c.producer(Exchange.direct("warren-it-decl")).publish("declared", "k");
            assertTrue(Broker.await(3000, () -> count(broker, "warren-it-decl-q") == 1), "bound as declared");
            broker.deleteQueue("warren-it-decl-q");
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
