package dev.warren.jca;

import dev.warren.LogCapture;
import dev.warren.amqp.BrokerConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets never leak: every error path that can carry connection settings — each malformed uri, a wrong password, an
 * unreachable host, a TLS failure, unreadable stores, every validate() error — and the toString of every JCA bean are
 * checked for the password, the store passwords and a uri's password, in exception messages (the whole cause chain),
 * toString and every log line captured from java.util.logging (Warren's and the client's, at every level).
 */
class SecretsIT {
    private static final String PASSWORD = "Pw-Secret-0001";
    private static final String TRUST_PASSWORD = "Trust-Secret-0002";
    private static final String KEY_PASSWORD = "Key-Secret-0003";
    private static final String URI_SECRET = "Uri-Secret-0004";
    private static final List<String> SECRETS = List.of(PASSWORD, TRUST_PASSWORD, KEY_PASSWORD, URI_SECRET, "Secret-000");

    /** Each form of a uri whose password breaks parsing (issue 12's list), all carrying {@link #URI_SECRET}. */
    private static final List<String> BAD_URIS = List.of(
            "amqp://app:" + URI_SECRET + "#x@prod-broker.example:5680",
            "amqp://app:" + URI_SECRET + "@x@prod-broker.example:5680",
            "amqp://app:" + URI_SECRET + "/x@prod-broker.example:5680",
            "amqp://app:1234/" + URI_SECRET + "@prod-broker.example:5680",
            "amqp://app:" + URI_SECRET + "?x@prod-broker.example:5680",
            "amqp://app:" + URI_SECRET + " x@prod-broker.example:5680",
            "amqp://app:" + URI_SECRET + "%zzx@prod-broker.example:5680",
            "amqp:app:" + URI_SECRET + "@prod-broker.example",
            "amqp://app:" + URI_SECRET + "@prod-broker.example:5680/a/b",
            "amqp://app:" + URI_SECRET + "@prod-broker.example:5680?cacertfile=/x");

    private LogCapture records;
    private final Map<String, Level> levels = Map.of("dev.warren", Level.ALL, "com.rabbitmq", Level.ALL);
    private final List<WarrenResourceAdapter> adapters = new ArrayList<>();
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor();
    private int checked;

    @BeforeEach
    void captureLogs() {
        records = LogCapture.of("");
        levels.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
    }

    @AfterEach
    void checkLogs() {
        for (WarrenResourceAdapter ra : adapters) {
            ra.stop();
        }
        executor.shutdownNow();
        records.close();
        levels.keySet().forEach(name -> Logger.getLogger(name).setLevel(null));
        SimpleFormatter f = new SimpleFormatter();
        assertTrue(checked > 0, "the test checked something");
        for (LogRecord r : records.records()) {
            String line = f.format(r);
            for (String secret : SECRETS) {
                assertFalse(line.contains(secret), "a log line shows a secret: " + line);
            }
        }
    }

    private WarrenResourceAdapter adapter(Consumer<WarrenResourceAdapter> config) {
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        ra.setHost("127.0.0.1");
        ra.setPassword(PASSWORD);
        ra.setTrustStorePassword(TRUST_PASSWORD);
        ra.setKeyStorePassword(KEY_PASSWORD);
        ra.setConnectionTimeout(5000);
        ra.setConnectionName("warren-secrets-it");
        config.accept(ra);
        adapters.add(ra);
        return ra;
    }

    /** Asserts no secret in the message of the exception, its causes and suppressed ones, or their toString. */
    private void noSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            checkText(t.toString());
            checkText(String.valueOf(t.getMessage()));
            for (Throwable s : t.getSuppressed()) {
                noSecretIn(s);
            }
        }
    }

    private void checkText(String text) {
        checked++;
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), "shows a secret: " + text);
        }
    }

    private void fails(Executable e) {
        noSecretIn(assertThrows(Throwable.class, e));
    }

    private void everyBean(WarrenResourceAdapter ra, boolean invalid) throws Exception {
        checkText(ra.toString());
        WarrenManagedConnectionFactory mcf = new WarrenManagedConnectionFactory();
        copyConnectionProperties(ra, mcf);
        mcf.setResourceAdapter(ra);
        checkText(mcf.toString());
        if (invalid) {
            fails(() -> mcf.createConnectionFactory((factory, info) -> null));
        } else {
            checkText(String.valueOf(mcf.createConnectionFactory((factory, info) -> null)));
        }
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue("warren-secrets-it");
        copyConnectionProperties(ra, spec);
        checkText(spec.toString());
        checkText(spec.connectionSettings().toString());
        checkText(ra.connectionSettings().toString());
        if (invalid) {
            fails(mcf::validate);
            fails(spec::validate);
        } else {
            mcf.validate();
            spec.validate();
        }
    }

    private static void copyConnectionProperties(ConnectionProperties from, ConnectionProperties to) {
        to.setUri(from.getUri());
        to.setPassword(from.getPassword());
        to.setTrustStorePassword(from.getTrustStorePassword());
        to.setKeyStorePassword(from.getKeyStorePassword());
    }

    @Test
    void malformedUrisAreRefusedWithoutTheirPassword() throws Exception {
        for (String uri : BAD_URIS) {
            WarrenResourceAdapter ra = adapter(a -> a.setUri(uri));
            fails(() -> ra.start(new ExecutorBootstrapContext(executor)));
            fails(() -> ra.connection(null, BrokerConnections.Role.OUTBOUND));
            everyBean(ra, true);
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutIt() throws Exception {
        WarrenResourceAdapter ra = adapter(a -> {
            a.setUsername("guest");
            a.setPassword(PASSWORD);
        });
        WarrenManagedConnectionFactory mcf = new WarrenManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        fails(() -> mcf.createManagedConnection(null, null));
        WarrenResourceAdapter viaUri = adapter(a -> a.setUri("amqp://guest:" + URI_SECRET + "@127.0.0.1:5672/%2F"));
        fails(() -> viaUri.connection(null, BrokerConnections.Role.INBOUND));
        checkText(viaUri.toString());
    }

    @Test
    void anUnreachableHostIsReportedWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int closed = port;
        WarrenResourceAdapter ra = adapter(a -> a.setUri("amqp://guest:" + URI_SECRET + "@127.0.0.1:" + closed));
        fails(() -> ra.connection(null, BrokerConnections.Role.OUTBOUND));
        WarrenResourceAdapter unknown = adapter(a -> a.setHost("warren-no-such-host.invalid"));
        fails(() -> unknown.connection(null, BrokerConnections.Role.OUTBOUND));
        everyBean(ra, false);
    }

    @Test
    void tlsFailuresAreReportedWithoutAnyPassword() throws Exception {
        Path garbage = Files.createTempFile("warren-secrets-it", ".p12");
        try {
            Files.writeString(garbage, "not a key store");
            // a handshake with a port that does not speak TLS
            WarrenResourceAdapter plain = adapter(a -> {
                a.setTls(true);
                a.setPort(5672);
            });
            fails(() -> plain.connection(null, BrokerConnections.Role.OUTBOUND));
            everyBean(plain, false);
            // stores that are missing or unreadable, each with its password set
            for (Consumer<WarrenResourceAdapter> stores : List.<Consumer<WarrenResourceAdapter>>of(
                    a -> a.setTrustStore("/nonexistent/warren-trust.p12"),
                    a -> a.setTrustStore(garbage.toString()),
                    a -> a.setKeyStore("/nonexistent/warren-key.p12"),
                    a -> a.setKeyStore(garbage.toString()))) {
                WarrenResourceAdapter ra = adapter(a -> {
                    a.setTls(true);
                    a.setPort(5671);
                    stores.accept(a);
                });
                fails(() -> ra.connection(null, BrokerConnections.Role.OUTBOUND));
                everyBean(ra, false);
            }
        } finally {
            Files.deleteIfExists(garbage);
        }
    }

    @Test
    void everyValidateErrorIsWithoutSecrets() throws Exception {
        List<Consumer<ConnectionProperties>> bad = List.of(
                p -> p.setPort(0), p -> p.setPort(70000), p -> p.setRequestedHeartbeat(-1),
                p -> p.setConnectionTimeout(-1), p -> p.setNetworkRecoveryInterval(0L),
                p -> p.setAddresses("h1;h2"), p -> p.setAddresses("h1,,h2"), p -> p.setAddresses("h1:99999"),
                p -> p.setTlsProtocols("SSLv3"), p -> p.setTrustStoreType("NOPE"), p -> p.setKeyStoreType("NOPE"),
                p -> p.setSaslMechanism("KERBEROS"), p -> p.setUri("amqp://app:" + URI_SECRET + "@h?heartbeat=x"));
        for (Consumer<ConnectionProperties> b : bad) {
            WarrenResourceAdapter ra = adapter(b::accept);
            fails(() -> ra.start(new ExecutorBootstrapContext(executor)));
            WarrenManagedConnectionFactory mcf = new WarrenManagedConnectionFactory();
            mcf.setPassword(PASSWORD);
            mcf.setKeyStorePassword(KEY_PASSWORD);
            b.accept(mcf);
            fails(mcf::validate);
            checkText(mcf.toString());
            WarrenActivationSpec spec = new WarrenActivationSpec();
            spec.setQueue("warren-secrets-it");
            spec.setPassword(PASSWORD);
            spec.setTrustStorePassword(TRUST_PASSWORD);
            b.accept(spec);
            fails(spec::validate);
            checkText(spec.toString());
        }
        // an effective-settings error (EXTERNAL without a client certificate) at connection time
        WarrenResourceAdapter external = adapter(a -> a.setSaslMechanism("EXTERNAL"));
        fails(() -> external.connection(null, BrokerConnections.Role.INBOUND));
    }
}
