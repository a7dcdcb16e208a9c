package dev.warren.jca;

import com.rabbitmq.client.Channel;
import dev.warren.BrokerException;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.Queue;
import dev.warren.SessionConfig;
import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.BrokerConnections;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.serialization.Accept;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.LocalTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbound SPI against the real broker without an application server: what the server's pool sees
 * (connection events, validation, matching) and AMQP local transactions on a pooled channel.
 */
class ManagedConnectionIT {
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");

    private WarrenResourceAdapter ra;
    private WarrenManagedConnectionFactory mcf;
    private final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
    private final String queue = "warren-mc-it-" + UUID.randomUUID();
    private BrokerConnection probe;
    private Channel probeChannel;

    @BeforeEach
    void setUp() throws Exception {
        ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-mc-it");
        mcf = new WarrenManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        probe = ra.connection(null, BrokerConnections.Role.INBOUND);
        probeChannel = ChannelSession.open(probe, SessionConfig.DEFAULT).channel();
        probeChannel.queueDeclare(queue, false, false, true, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        probeChannel.queueDelete(queue);
        ra.stop();
    }

    private WarrenManagedConnection managed() throws Exception {
        WarrenManagedConnection mc = (WarrenManagedConnection) mcf.createManagedConnection(null, null);
        mc.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent e) {
                events.add(e);
            }

            @Override
            public void localTransactionStarted(ConnectionEvent e) {
                events.add(e);
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent e) {
                events.add(e);
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent e) {
                events.add(e);
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent e) {
                events.add(e);
            }
        });
        return mc;
    }

    private int ready() throws Exception {
        return probeChannel.queueDeclarePassive(queue).getMessageCount();
    }

    @Test
    void closingAHandleTellsThePoolAndTheHandleThenFailsClearly() throws Exception {
        WarrenManagedConnection mc = managed();
        WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
        h.close();
        assertEquals(ConnectionEvent.CONNECTION_CLOSED, events.get(0).getId());
        assertSame(h, events.get(0).getConnectionHandle());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.purge(Queue.named(queue)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        mc.destroy();
    }

    @Test
    void aChannelClosingErrorRaisesConnectionErrorOccurredAndFailsValidation() throws Exception {
        WarrenManagedConnection mc = managed();
        WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
        BrokerException e = assertThrows(BrokerException.class,
                () -> h.declarePassive(Queue.named("warren-mc-it-missing-" + UUID.randomUUID())));
        assertEquals(404, e.replyCode());
        ConnectionEvent ev = events.stream().filter(x -> x.getId() == ConnectionEvent.CONNECTION_ERROR_OCCURRED)
                .findFirst().orElseThrow();
        assertSame(e, ev.getException());
        assertEquals(Set.of(mc), mcf.getInvalidConnections(Set.of(mc)), "validation reports the closed channel");
        assertEquals(null, mcf.matchManagedConnections(Set.of(mc), null, null), "never matched again");
        mc.destroy();
    }

    @Test
    void healthyConnectionsMatchAndValidate() throws Exception {
        WarrenManagedConnection mc = managed();
        assertSame(mc, mcf.matchManagedConnections(Set.of(mc), null, null));
        assertTrue(mcf.getInvalidConnections(Set.of(mc)).isEmpty());
        mc.destroy();
        assertFalse(mc.isUsable());
    }

    @Test
    void localTransactionCommitsPublishesAndRollbackDiscardsThem() throws Exception {
        WarrenManagedConnection mc = managed();
        WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
        LocalTransaction tx = mc.getLocalTransaction();
        tx.begin();
        h.producer(Exchange.DEFAULT).publish(Map.of("n", 1), queue);
        Thread.sleep(100);
        assertEquals(0, ready(), "not visible before commit");
        tx.commit();
        assertEquals(1, ready());
        tx.begin();
        h.producer(Exchange.DEFAULT).publish(Map.of("n", 2), queue);
        tx.rollback();
        assertEquals(1, ready(), "rolled back");
        h.producer(Exchange.DEFAULT).publish(Map.of("n", 3), queue); // tx-mode channel, no transaction
        assertEquals(2, ready(), "outside a transaction a tx-mode channel commits at once");
        var m = h.get(Queue.named(queue)).orElseThrow();
        m.ack();
        assertEquals(1, ready(), "acks outside a transaction are committed at once too");
        mc.destroy();
    }

    @Test
    void publisherConfirmsWaitAndRefuseTransactions() throws Exception {
        mcf.setPublisherConfirms(true);
        WarrenManagedConnection mc = managed();
        WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
        h.producer(Exchange.DEFAULT).publish("confirmed", queue);
        assertEquals(1, ready(), "confirmed means routed and stored before publish returns");
        NotSupportedException e = assertThrows(NotSupportedException.class, () -> mc.getLocalTransaction().begin());
        assertTrue(e.getMessage().contains("publisherConfirms"), e.getMessage());
        mc.destroy();
    }

    @Test
    void perPublishConfirmsOnANonConfirmFactoryWarnOnceNamingTheFix() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(WarrenManagedConnectionFactory.class.getName());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            WarrenManagedConnection first = managed();
            WarrenManagedConnection second = managed();
            for (WarrenManagedConnection mc : List.of(first, second)) {
                WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
                h.producer(Exchange.DEFAULT).confirms(java.time.Duration.ofSeconds(5)).publish("confirmed", queue);
                h.producer(Exchange.DEFAULT).confirms(java.time.Duration.ofSeconds(5)).publish("again", queue);
                h.producer(Exchange.DEFAULT).publish("unconfirmed", queue);
                h.close();
            }
            assertEquals(1, warnings.size(), "once per factory: " + warnings);
            assertTrue(warnings.get(0).contains("publisherConfirms=true"), warnings.get(0));
            assertTrue(warnings.get(0).contains("Fix"), warnings.get(0));
            first.destroy();
            second.destroy();

            warnings.clear();
            WarrenManagedConnectionFactory confirming = new WarrenManagedConnectionFactory();
            confirming.setResourceAdapter(ra);
            confirming.setPublisherConfirms(true);
            WarrenManagedConnection mc = (WarrenManagedConnection) confirming.createManagedConnection(null, null);
            WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
            h.producer(Exchange.DEFAULT).confirms(java.time.Duration.ofSeconds(5)).publish("confirmed", queue);
            assertEquals(List.of(), warnings, "a factory with publisherConfirms is confirm mode by design");
            mc.destroy();
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aPublishThatHitsALostConnectionIsRetriedUntilTheChannelRecoversInPlace() throws Exception {
        ra.setNetworkRecoveryInterval(500L);
        WarrenManagedConnection mc = managed();
        WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
        h.producer(Exchange.DEFAULT).publish("before", queue);
        for (int i = 0; i < 100 && ready() < 1; i++) { // no confirms here: wait until the broker has it
            Thread.sleep(20);
        }
        assertEquals(1, dev.warren.Rabbitmqctl.closeConnectionsNamed("warren-mc-it (outbound)").size());
        long deadline = System.currentTimeMillis() + 5000;
        while (h.isOpen() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(mc.isUsable(), "a channel being recovered in place stays in the pool");
        long t0 = System.currentTimeMillis();
        h.producer(Exchange.DEFAULT).publish("during", queue); // default retry policy: 1 s, 2 s, 3 s ...
        long took = System.currentTimeMillis() - t0;
        assertTrue(events.stream().noneMatch(x -> x.getId() == ConnectionEvent.CONNECTION_ERROR_OCCURRED),
                "the pool was not told to drop a channel the client recovers");
        for (int i = 0; i < 100 && ready() < 2; i++) {
            Thread.sleep(20);
        }
        assertEquals(2, ready(), "published before and during the connection loss: " + took + " ms");
        java.util.logging.Logger.getLogger(ManagedConnectionIT.class.getName()).info("a publish during the connection"
                + " loss (networkRecoveryInterval 500 ms) succeeded after " + took + " ms of retries");
        mc.destroy();
    }

    @Test
    void withRetryOffAPublishOnALostConnectionFailsAtOnce() throws Exception {
        ra.setNetworkRecoveryInterval(2000L);
        mcf.setRetry(false);
        WarrenManagedConnection mc = managed();
        WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
        h.producer(Exchange.DEFAULT).publish("before", queue);
        assertEquals(1, dev.warren.Rabbitmqctl.closeConnectionsNamed("warren-mc-it (outbound)").size());
        long deadline = System.currentTimeMillis() + 5000;
        while (h.isOpen() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        BrokerException e = assertThrows(BrokerException.class,
                () -> h.producer(Exchange.DEFAULT).publish("during", queue));
        assertTrue(e.connectionLost(), e.getMessage());
        mc.destroy();
    }

    @Test
    void aChannelWhoseModeChangedIsResetWhenItReturnsToThePool() throws Exception {
        WarrenManagedConnection mc = managed();
        WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
        LocalTransaction tx = mc.getLocalTransaction();
        tx.begin();
        h.producer(Exchange.DEFAULT).publish("in tx", queue);
        tx.commit();
        h.close();
        mc.cleanup(); // the pool takes it back: tx mode must not reach the next user
        WarrenConnection h2 = (WarrenConnection) mc.getConnection(null, null);
        h2.producer(Exchange.DEFAULT).confirms(java.time.Duration.ofSeconds(5)).publish("confirmed", queue);
        h2.close();
        mc.cleanup();
        tx.begin(); // confirm mode must not reach it either
        WarrenConnection h3 = (WarrenConnection) mc.getConnection(null, null);
        h3.producer(Exchange.DEFAULT).publish("in tx again", queue);
        tx.commit();
        h3.close();
        mc.cleanup();
        assertEquals(3, ready(), "every publish arrived");
        assertTrue(events.stream().noneMatch(x -> x.getId() == ConnectionEvent.CONNECTION_ERROR_OCCURRED));
        mc.destroy();
    }

    @Test
    void txModeAloneIsKeptForTheNextTransactionAndReplacedBeforeAPlainPublish() throws Exception {
        WarrenManagedConnection mc = managed();
        LocalTransaction tx = mc.getLocalTransaction();
        for (int i = 0; i < 2; i++) { // two container transactions one after the other, as a pool hands them out
            tx.begin();
            WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
            h.producer(Exchange.DEFAULT).publish("in tx " + i, queue);
            tx.commit();
            h.close();
            mc.cleanup();
        }
        Channel txChannel = mc.session().channel();
        tx.begin();
        WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
        h.producer(Exchange.DEFAULT).publish("rolled back", queue);
        tx.rollback();
        h.close();
        mc.cleanup();
        assertSame(txChannel, mc.session().channel(), "a channel that only went to tx mode is kept between transactions");
        assertEquals(2, ready(), "the committed publishes arrived, the rolled-back one did not");

        WarrenConnection plain = (WarrenConnection) mc.getConnection(null, null);
        plain.producer(Exchange.DEFAULT).publish("plain", queue);
        assertNotSame(txChannel, mc.session().channel(), "a publish outside a transaction gets a fresh channel first");
        assertFalse(txChannel.isOpen(), "the tx channel was closed");
        assertEquals(3, ready(), "the plain publish arrived without any commit");
        plain.close();
        mc.cleanup();
        assertTrue(events.stream().noneMatch(x -> x.getId() == ConnectionEvent.CONNECTION_ERROR_OCCURRED));
        mc.destroy();
    }

    @Test
    void aHandleConsumerAcksInsideTheTransactionAndIsCancelledOnClose() throws Exception {
        probeChannel.queueDelete(queue);
        probeChannel.queueDeclare(queue, false, false, false, null); // not auto-delete: consumers come and go
        probeChannel.basicPublish("", queue, null, "one".getBytes());
        probeChannel.basicPublish("", queue, null, "two".getBytes());
        WarrenManagedConnection mc = managed();
        LocalTransaction tx = mc.getLocalTransaction();
        java.util.concurrent.BlockingQueue<Message> got = new java.util.concurrent.LinkedBlockingQueue<>();
        tx.begin();
        WarrenConnection h = (WarrenConnection) mc.getConnection(null, null);
        h.basicQos(1);
        h.basicConsume(queue, false, Accept.parse("text"), got::add);
        Message first = got.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(first);
        first.ack();
        tx.rollback(); // the ack is undone: the message stays unacknowledged on this channel
        assertEquals(1, probeChannel.queueDeclarePassive(queue).getConsumerCount());
        h.close();
        assertEquals(0, probeChannel.queueDeclarePassive(queue).getConsumerCount(), "closing the handle cancels");
        mc.cleanup(); // consumers, qos and tx changed the channel: reset, the unacked message goes back
        assertTrue(awaitReady(2), "the rolled-back ack left the message on the queue");

        tx.begin();
        WarrenConnection h2 = (WarrenConnection) mc.getConnection(null, null);
        h2.basicConsume(queue, false, Accept.parse("text"), got::add);
        Message again = got.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(again);
        again.ack();
        Message other = got.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(other);
        other.ack();
        tx.commit();
        h2.close();
        mc.cleanup();
        assertTrue(awaitReady(0), "committed acks removed both");
        assertEquals(0, probeChannel.queueDeclarePassive(queue).getMessageCount());
        mc.destroy();
    }

    private boolean awaitReady(int n) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (ready() == n) {
                return true;
            }
            Thread.sleep(20);
        }
        return ready() == n;
    }

    @Test
    void manyManagedConnectionsShareOneAmqpConnection() throws Exception {
        List<WarrenManagedConnection> mcs = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            mcs.add(managed());
        }
        com.rabbitmq.client.Connection c = mcs.get(0).session().channel().getConnection();
        for (WarrenManagedConnection mc : mcs) {
            assertSame(c, mc.session().channel().getConnection());
        }
        assertNotNull(ra.getXAResources(null));
        assertEquals(0, ra.getXAResources(null).length);
        for (WarrenManagedConnection mc : mcs) {
            mc.destroy();
        }
        assertTrue(c.isOpen(), "destroying channels leaves the shared connection open");
    }
}
