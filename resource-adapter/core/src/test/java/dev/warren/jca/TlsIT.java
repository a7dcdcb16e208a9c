package dev.warren.jca;

import dev.warren.Exchange;
import dev.warren.LogCapture;
import dev.warren.Message;
import dev.warren.Queue;
import dev.warren.SessionConfig;
import dev.warren.TlsNode;
import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.BrokerConnections;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.amqp.TlsHandshakeException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.transaction.xa.XAResource;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS against a private RabbitMQ node with certificates made for this run ({@link TlsNode}): the broker's
 * certificate is verified against the configured trust store (never trust-all), its host name is checked unless
 * switched off, the right CA connects and carries messages, and mutual TLS logs in with EXTERNAL. Configured through
 * the resource adapter's properties, as a deployer would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsIT {
    private static TlsNode node;
    private WarrenResourceAdapter ra;

    @BeforeAll
    static void startNode() throws Exception {
        node = TlsNode.start("warren-tls-it-");
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void stopAdapter() {
        if (ra != null) {
            ra.stop();
        }
    }

    private WarrenResourceAdapter adapter(String host, String trustStore) {
        ra = new WarrenResourceAdapter();
        ra.setHost(host);
        ra.setPort(node.tlsPort());
        ra.setTls(true);
        ra.setConnectionTimeout(5000);
        ra.setConnectionName("warren-tls-it");
        if (trustStore != null) {
            ra.setTrustStore(trustStore);
            ra.setTrustStorePassword(TlsNode.TRUST_PASSWORD);
        }
        return ra;
    }

    private TlsHandshakeException refused() {
        TlsHandshakeException e = assertThrows(TlsHandshakeException.class,
                () -> ra.connection(null, BrokerConnections.Role.OUTBOUND));
        assertFalse(e.connectionLost(), "a handshake failure is not a lost connection: " + e.getMessage());
        assertFalse(e.getMessage().contains(TlsNode.TRUST_PASSWORD), e.getMessage());
        return e;
    }

    @Test
    void anUnknownCaIsRefused() {
        adapter("localhost", node.otherTrustStore().toString());
        String msg = refused().getMessage();
        assertTrue(msg.contains("not signed by a CA Warren trusts") && msg.contains("Fix: set trustStore"), msg);
    }

    @Test
    void withoutATrustStoreTheJvmDefaultCasAreTrustedNotEverything() {
        adapter("localhost", null);
        String msg = refused().getMessage();
        assertTrue(msg.contains("not signed by a CA Warren trusts"), msg);
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() {
        adapter("127.0.0.2", node.trustStore().toString()); // the listener answers there; the certificate does not name it
        String msg = refused().getMessage();
        assertTrue(msg.contains("does not name the host") && msg.contains("hostnameVerification=false"), msg);
    }

    @Test
    void hostnameVerificationIsOffOnlyWhenSetSo() throws Exception {
        adapter("127.0.0.2", node.trustStore().toString());
        ra.setHostnameVerification(true);
        refused();
        ra.setHostnameVerification(false);
        roundTrip(ra.connection(null, BrokerConnections.Role.OUTBOUND));
    }

    @Test
    void theRightCaConnectsAndCarriesAMessage() throws Exception {
        for (String host : List.of("localhost", "127.0.0.1")) {
            adapter(host, node.trustStore().toString());
            roundTrip(ra.connection(null, BrokerConnections.Role.OUTBOUND));
            List<String> tls = node.node().rabbitmqctl("list_connections", "ssl", "ssl_protocol");
            assertTrue(tls.stream().anyMatch(l -> l.startsWith("true") && l.contains("tlsv1.3")),
                    "the broker sees a TLSv1.3 connection: " + tls);
            ra.stop();
        }
    }

    @Test
    void anAmqpsUriTurnsTlsOnAndNamesThePort() throws Exception {
        ra = new WarrenResourceAdapter();
        ra.setUri("amqps://guest:guest@localhost:" + node.tlsPort());
        ra.setTrustStore(node.trustStore().toString());
        ra.setTrustStorePassword(TlsNode.TRUST_PASSWORD);
        roundTrip(ra.connection(null, BrokerConnections.Role.OUTBOUND));
    }

    @Test
    void mutualTlsLogsInWithExternal() throws Exception {
        adapter("localhost", node.trustStore().toString());
        ra.setKeyStore(node.clientKeyStore().toString());
        ra.setKeyStorePassword(TlsNode.KEY_PASSWORD);
        ra.setSaslMechanism("EXTERNAL");
        ra.setUsername("guest-is-not-used");
        ra.setConnectionName("warren-tls-external");
        roundTrip(ra.connection(null, BrokerConnections.Role.OUTBOUND));
        List<String> users = node.node().rabbitmqctl("list_connections", "user", "auth_mechanism");
        assertTrue(users.stream().anyMatch(l -> l.startsWith(TlsNode.CLIENT_CN) && l.contains("EXTERNAL")),
                "logged in as the certificate's CN with EXTERNAL: " + users);
    }

    @Test
    void aWrongKeyStorePasswordNamesTheSettingNotThePassword() {
        adapter("localhost", node.trustStore().toString());
        ra.setKeyStore(node.clientKeyStore().toString());
        ra.setKeyStorePassword("Wrong-Key-Pw-99");
        Exception e = assertThrows(Exception.class, () -> ra.connection(null, BrokerConnections.Role.OUTBOUND));
        assertTrue(e.getMessage().contains("keyStorePassword") && e.getMessage().contains("Fix"), e.getMessage());
        assertFalse(e.getMessage().contains("Wrong-Key-Pw-99"), e.getMessage());
    }

    @Test
    void noProtocolInCommonNamesTlsProtocols() {
        adapter("localhost", node.trustStore().toString());
        ra.setTlsProtocols("TLSv1.1"); // disabled in the JDK and not offered by the broker
        String msg = refused().getMessage();
        assertTrue(msg.contains("no TLS protocol version in common") && msg.contains("tlsProtocols"), msg);
    }

    @Test
    void tlsToAPlainPortSaysSo() {
        adapter("localhost", node.trustStore().toString());
        ra.setPort(node.plainPort());
        String msg = refused().getMessage();
        assertTrue(msg.contains("does not speak TLS"), msg);
    }

    @Test
    void anActivationDoesNotRetryATlsFailure() {
        adapter("localhost", node.otherTrustStore().toString());
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue("warren-tls-it-activation");
        spec.setSetupAttempts(-1); // would retry a broker that is down forever
        long t0 = System.currentTimeMillis();
        ResourceException e = assertThrows(ResourceException.class, () -> ra.endpointActivation(
                new TestEndpointFactory("tls-it", null) {
                    @Override
                    public MessageEndpoint createEndpoint(XAResource xa) throws UnavailableException {
                        throw new UnavailableException("no endpoint in this test");
                    }
                }, spec));
        assertTrue(e.getMessage().contains("trustStore"), e.getMessage());
        assertTrue(System.currentTimeMillis() - t0 < 10_000, "failed at once");
    }

    /** Runs last: it replaces the node's certificate with one signed by a CA Warren does not trust. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aRecoveryThatMeetsAnUntrustedCertificateStopsInsteadOfRetrying() throws Exception {
        LogCapture clientLog = LogCapture.of("dev.warren.jca.client");
        try {
            adapter("localhost", node.trustStore().toString());
            ra.setNetworkRecoveryInterval(500L);
            BrokerConnection c = ra.connection(null, BrokerConnections.Role.OUTBOUND);
            roundTrip(c);
            node.reissueServerCertificateFromOtherCa();
            long deadline = System.currentTimeMillis() + 60_000;
            while (clientLog.at(Level.SEVERE).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            List<LogRecord> severe = clientLog.at(Level.SEVERE);
            assertEquals(1, severe.size(), "one SEVERE line when recovery meets the untrusted certificate");
            String text = severe.get(0).getMessage();
            assertTrue(text.contains("not signed by a CA Warren trusts") && text.contains("Recovery stops"), text);
            Thread.sleep(2_000); // four recovery intervals: a recovery that went on would fail and log again
            assertEquals(1, clientLog.at(Level.SEVERE).size(), "recovery stopped after the handshake failure");
            assertFalse(c.isOpen());
            TlsHandshakeException next = refused(); // the dead connection is not handed out again
            assertTrue(next.getMessage().contains("not signed by a CA Warren trusts"), next.getMessage());
        } finally {
            clientLog.close();
        }
    }

    private static void roundTrip(BrokerConnection connection) throws InterruptedException {
        String name = "warren-tls-" + UUID.randomUUID();
        try (ChannelSession s = ChannelSession.open(connection, SessionConfig.DEFAULT)) {
            Queue q = s.declare(Queue.builder(name).durable(false).autoDelete(true).build());
            s.producer(Exchange.DEFAULT).publish("over TLS", name);
            long deadline = System.currentTimeMillis() + 10_000;
            Optional<Message> m = s.get(q);
            while (m.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
                m = s.get(q);
            }
            assertTrue(m.isPresent(), "the message came back");
            assertEquals("over TLS", m.get().payload());
            m.get().ack();
            s.delete(q);
        }
    }
}
