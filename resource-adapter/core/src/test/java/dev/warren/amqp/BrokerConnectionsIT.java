package dev.warren.amqp;

import dev.warren.amqp.internal.ChannelSession;
import dev.warren.BrokerException;
import dev.warren.Rabbitmqctl;
import dev.warren.SessionConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared-connection registry against the shared broker: keyed on every setting (the broker lists one connection
 * per distinct settings value), a wrong password refused even while the right one is connected, and a broker that
 * never answers blocks only the callers of its own settings, who share one attempt.
 */
class BrokerConnectionsIT {
    private final BrokerConnections connections = new BrokerConnections();
    private final String name = "warren-bc-it-" + UUID.randomUUID();

    @AfterEach
    void close() {
        connections.closeAll();
    }

    private BrokerSettings.Builder settings() {
        return BrokerSettings.builder().host("127.0.0.1").port(5672).connectionName(name);
    }

    /** @return the heartbeat (timeout) of each broker connection with this test's name */
    private List<String> brokerListsHeartbeats() throws Exception {
        return Rabbitmqctl.run("list_connections", "timeout", "client_properties").stream()
                .filter(l -> l.contains("\"" + name + " (inbound)\""))
                .map(l -> l.trim().split("\\s+")[0]).sorted().toList();
    }

    @Test
    void settingsThatDifferInOneFieldGetDistinctConnections() throws Exception {
        BrokerConnection a = connections.get(settings().build(), BrokerConnections.Role.INBOUND);
        BrokerConnection b = connections.get(settings().requestedHeartbeat(5).build(), BrokerConnections.Role.INBOUND);
        BrokerConnection c = connections.get(settings().networkRecoveryInterval(1000L).build(),
                BrokerConnections.Role.INBOUND);
        BrokerConnection d = connections.get(settings().connectionTimeout(7000).build(), BrokerConnections.Role.INBOUND);
        assertSame(a, connections.get(settings().build(), BrokerConnections.Role.INBOUND), "equal settings share");
        assertEquals(4, Set.of(a, b, c, d).size());
        assertEquals(List.of("5", "60", "60", "60"), awaitHeartbeats(4),
                "the broker lists four connections, one with the heartbeat override of 5 s");
    }

    private List<String> awaitHeartbeats(int count) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> seen = brokerListsHeartbeats();
        while (seen.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            seen = brokerListsHeartbeats();
        }
        return seen;
    }

    @Test
    void aWrongPasswordIsRefusedEvenWhileTheRightOneIsConnected() throws Exception {
        String user = "warren-bc-it-" + UUID.randomUUID();
        String password = "Right-" + UUID.randomUUID();
        Rabbitmqctl.run("add_user", user, password);
        try {
            Rabbitmqctl.run("set_permissions", "-p", "/", user, ".*", ".*", ".*");
            BrokerConnection right = connections.get(settings().username(user).password(password).build(),
                    BrokerConnections.Role.INBOUND);
            try (ChannelSession s = ChannelSession.open(right, SessionConfig.DEFAULT)) {
                assertTrue(s.isOpen());
            }
            BrokerException e = assertThrows(BrokerException.class, () -> connections.get(
                    settings().username(user).password("Wrong-" + password).build(), BrokerConnections.Role.INBOUND));
            assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
            assertFalse(e.getMessage().contains(password), e.getMessage());
            assertTrue(right.isOpen(), "the right connection is untouched");
        } finally {
            connections.closeAll();
            Rabbitmqctl.run("delete_user", user);
        }
    }

    @Test
    void aBrokerThatNeverAnswersBlocksOnlyItsOwnCallersWhoShareOneAttempt() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept()); // accepts the TCP connection, never says a word of AMQP
                        accepted.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            BrokerSettings silent = BrokerSettings.builder().host("127.0.0.1").port(blackHole.getLocalPort())
                    .connectionName(name + "-silent").build();
            CompletableFuture<BrokerConnection> first = CompletableFuture.supplyAsync(
                    () -> connections.get(silent, BrokerConnections.Role.OUTBOUND));
            long deadline = System.currentTimeMillis() + 10_000;
            while (accepted.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, accepted.get(), "the first caller is connecting to the silent broker");
            CompletableFuture<BrokerConnection> second = CompletableFuture.supplyAsync(
                    () -> connections.get(silent, BrokerConnections.Role.OUTBOUND));

            long t0 = System.nanoTime();
            BrokerConnection good = connections.get(settings().build(), BrokerConnections.Role.OUTBOUND);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(good.isOpen());
            assertTrue(tookMillis < 3000, "other settings were not blocked: " + tookMillis + " ms");
            java.util.logging.Logger.getLogger(BrokerConnectionsIT.class.getName()).info("other settings connected in "
                    + tookMillis + " ms while a caller waited on the silent broker");
            assertFalse(first.isDone(), "the silent broker's caller is still waiting");

            ExecutionException e1 = assertThrows(ExecutionException.class, () -> first.get(60, TimeUnit.SECONDS));
            ExecutionException e2 = assertThrows(ExecutionException.class, () -> second.get(60, TimeUnit.SECONDS));
            assertSame(e1.getCause(), e2.getCause(), "both callers got the outcome of one attempt");
            assertEquals(1, accepted.get(), "one attempt for both callers");
            assertTrue(e1.getCause() instanceof BrokerException, String.valueOf(e1.getCause()));
            java.util.logging.Logger.getLogger(BrokerConnectionsIT.class.getName()).info("the silent broker's callers"
                    + " failed after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms: "
                    + e1.getCause().getMessage());
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void closeAllRefusesLaterCalls() {
        connections.get(settings().build(), BrokerConnections.Role.OUTBOUND);
        assertEquals(1, connections.size());
        connections.closeAll();
        assertEquals(0, connections.size());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> connections.get(settings().build(), BrokerConnections.Role.OUTBOUND));
        assertTrue(e.getMessage().contains("stopped"), e.getMessage());
    }
}
