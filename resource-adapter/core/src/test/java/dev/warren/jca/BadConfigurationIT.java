package dev.warren.jca;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.LogCapture;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import javax.transaction.xa.XAResource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
/**
 * Bad configuration fails fast with words: each case is checked for the message (naming the setting and the
 * fix) and a time bound, at the resource-adapter level without a container, against the real broker.
 */
class BadConfigurationIT {
    private static final String GOOD = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    private static final long BOUND_MILLIS = 10_000;
    private static final Logger LOG = Logger.getLogger(BadConfigurationIT.class.getName());

    @Test
    void unreachablePortNamesHostAndPort() throws Exception {
        String msg = outboundFailure("amqp://guest:guest@127.0.0.1:" + freePort() + "/%2F");
        assertContains(msg, "connection refused", "host and port settings");
    }

    @Test
    void wrongCredentialsNameUsernameAndPassword() throws Exception {
        String msg = outboundFailure("amqp://guest:wrong-password@127.0.0.1:5672/%2F");
        assertContains(msg, "refused the credentials", "username and password settings");
    }

    @Test
    void missingVirtualHostNamesTheVirtualHostSetting() throws Exception {
        String msg = outboundFailure("amqp://guest:guest@127.0.0.1:5672/warren-no-such-vhost");
        assertContains(msg, "warren-no-such-vhost", "virtualHost setting", "add_vhost");
    }

    @Test
    void unknownExchangeTypeIsRejectedByValidation() throws Exception {
        WarrenActivationSpec s = spec("warren-bad-type");
        s.setExchange("warren-bad-type");
        s.setExchangeType("fanfare");
        String msg = timed(() -> s.validate());
        assertContains(msg, "exchangeType='fanfare'", "direct, fanout, topic or headers");
    }

    @Test
    void aDeclarationConflictingWithTheExistingQueueFailsTheActivation() throws Exception {
        String queue = "warren-bad-conflict-" + UUID.randomUUID();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(GOOD);
        try (Connection c = f.newConnection("warren-bad-config-probe"); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, false, false, false, Map.of("x-message-ttl", 60_000));
            try {
                WarrenResourceAdapter ra = adapter(GOOD);
                try {
                    WarrenActivationSpec s = spec(queue);
                    s.setDurable(false);
                    s.setAutoDelete(false);
                    s.setQueueArguments("x-message-ttl=1000");
                    String msg = timed(() -> ra.endpointActivation(endpointFactory(), s));
                    assertContains(msg, "PRECONDITION_FAILED", "x-message-ttl", "Declare it with the existing settings");
                } finally {
                    ra.stop();
                }
            } finally {
                ch.queueDelete(queue);
            }
        }
    }

    @Test
    void anActivationWithSetupAttemptsOneFailsAtOnce() throws Exception {
        WarrenResourceAdapter ra = adapter("amqp://guest:guest@127.0.0.1:" + freePort() + "/%2F");
        try {
            String msg = timed(() -> ra.endpointActivation(endpointFactory(), spec("warren-bad-setup")));
            assertContains(msg, "connection refused", "host and port settings");
        } finally {
            ra.stop();
        }
    }

    @Test
    void anActivationRetriesInTheBackgroundThenGivesUpWithOneLine() throws Exception {
        LogCapture activationLog = LogCapture.of(EndpointActivation.class);
        WarrenResourceAdapter ra = adapter("amqp://guest:guest@127.0.0.1:" + freePort() + "/%2F");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        ra.start(new ExecutorBootstrapContext(pool)); // retries run on the bootstrap context's timer and WorkManager
        try {
            WarrenActivationSpec s = spec("warren-bad-setup-retry");
            s.setSetupAttempts(3);
            s.setSetupInterval(200L);
            long t0 = System.currentTimeMillis();
            ra.endpointActivation(endpointFactory(), s); // does not throw: retries in the background
            long returned = System.currentTimeMillis() - t0;
            assertTrue(returned < BOUND_MILLIS, "returned in " + returned + " ms");
            long deadline = System.currentTimeMillis() + BOUND_MILLIS;
            while (System.currentTimeMillis() < deadline && activationLog.at(Level.SEVERE).isEmpty()) {
                Thread.sleep(50);
            }
            List<LogRecord> severe = activationLog.at(Level.SEVERE);
            List<LogRecord> warnings = activationLog.at(Level.WARNING);
            assertTrue(severe.size() == 1, "one give-up line, got " + severe.size());
            assertTrue(warnings.size() == 1, "one 'cannot start yet' line, got " + warnings.size());
            String text = new java.util.logging.SimpleFormatter().formatMessage(severe.get(0));
            LOG.info("give-up line after " + (System.currentTimeMillis() - t0) + " ms: " + text);
            assertContains(text, "gave up after 3 failed attempts", "connection refused", "setupAttempts");
        } finally {
            activationLog.close();
            ra.stop();
            pool.shutdownNow();
        }
    }

    private static String outboundFailure(String uri) throws Exception {
        WarrenResourceAdapter ra = adapter(uri);
        try {
            WarrenManagedConnectionFactory mcf = new WarrenManagedConnectionFactory();
            mcf.setResourceAdapter(ra);
            return timed(() -> mcf.createManagedConnection(null, null));
        } finally {
            ra.stop();
        }
    }

    private static String timed(Executable failing) {
        long t0 = System.currentTimeMillis();
        Throwable e = assertThrows(Throwable.class, failing);
        long took = System.currentTimeMillis() - t0;
        LOG.info("failed in " + took + " ms with " + e.getClass().getSimpleName() + ": " + e.getMessage());
        assertTrue(e instanceof ResourceException, "a ResourceException for the server: " + e);
        assertTrue(took < BOUND_MILLIS, "failed in " + took + " ms");
        return e.getMessage();
    }

    private static void assertContains(String msg, String... parts) {
        for (String p : parts) {
            assertTrue(msg != null && msg.contains(p), "expected '" + p + "' in: " + msg);
        }
        assertTrue(msg.contains("Fix"), "names the fix: " + msg);
    }

    private static WarrenResourceAdapter adapter(String uri) {
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        ra.setUri(uri);
        ra.setConnectionName("warren-bad-config-it");
        ra.setConnectionTimeout(5000);
        return ra;
    }

    private static WarrenActivationSpec spec(String queue) {
        WarrenActivationSpec s = new WarrenActivationSpec();
        s.setQueue(queue);
        s.setAutoDelete(true);
        s.setDurable(false);
        return s;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** No endpoint is ever created: these activations fail before consuming. */
    private static MessageEndpointFactory endpointFactory() {
        return new TestEndpointFactory("bad-config-it", null) {
            @Override
            public MessageEndpoint createEndpoint(XAResource xa) throws UnavailableException {
                throw new UnavailableException("no endpoint in this test");
            }
        };
    }
}
