package dev.warren.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import dev.warren.WarrenException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The broker connections a resource adapter shares: one per ({@link BrokerSettings}, {@link Role}), opened on first
 * use and closed by {@link #closeAll()}. Keyed on the whole settings value, so settings that differ in anything that
 * changes a connection (the password included) never share one. Outbound channels and inbound consumers use
 * different roles, so a publisher blocked by broker flow control never stalls consumers.
 *
 * <p>Opening happens outside any registry-wide lock: callers for the same key wait for the one attempt in progress
 * and share its outcome (the connection, or its error); callers for other keys are never blocked by it, however long
 * the broker takes to answer. A connection that closed for good (not one the client is recovering) is replaced on
 * next use. Thread-safe.
 */
public final class BrokerConnections {
    private static final Logger LOG = Logger.getLogger(BrokerConnections.class.getName());

    /** What a connection is used for; part of its name on the broker. */
    public enum Role {
        /** channels of managed connections (publish, get, declare) */
        OUTBOUND,
        /** consumers of endpoint activations */
        INBOUND
    }

    private record Key(BrokerSettings settings, Role role) {
    }

    /** One key's connection and the attempt to open it; guarded by the slot's monitor, held only briefly. */
    private static final class Slot {
        private BrokerConnection connection;
        private CompletableFuture<BrokerConnection> attempt;
    }

    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final boolean metrics;
    /** runs the consumer callbacks of inbound connections; null: the client's own pool */
    private final ExecutorService inboundDispatch;
    private volatile boolean stopped;

    /** Connections without metrics. */
    public BrokerConnections() {
        this(false);
    }

    /**
     * @param metrics whether each connection counts its traffic (the client's MetricsCollector, see
     *        {@link BrokerConnection#stats()}) and remembers its last error and recovery
     */
    public BrokerConnections(boolean metrics) {
        this(metrics, null);
    }

    /**
     * @param metrics as {@link #BrokerConnections(boolean)}
     * @param inboundDispatch runs the consumer callbacks ({@code handleDelivery} and the rest) of {@link Role#INBOUND}
     *        connections instead of the client's own thread pool, or null for that pool. The client keeps a channel's
     *        callbacks in order, one at a time, whatever the executor; it never shuts down an executor it was given
     *        (the caller does, after {@link #closeAll()}). Its {@code execute} must not throw: the client would stall
     *        the channel whose work it could not hand over.
     */
    public BrokerConnections(boolean metrics, ExecutorService inboundDispatch) {
        this.metrics = metrics;
        this.inboundDispatch = inboundDispatch;
    }

    /**
     * @param settings effective settings
     * @param role what the connection is for
     * @return an open (or recovering) shared connection
     * @throws dev.warren.BrokerException when it cannot be opened (translated by {@link Errors})
     * @throws IllegalStateException after {@link #closeAll()}
     */
    public BrokerConnection get(BrokerSettings settings, Role role) {
        checkRunning(settings);
        Slot slot = slots.computeIfAbsent(new Key(settings, role), k -> new Slot());
        CompletableFuture<BrokerConnection> mine = null;
        CompletableFuture<BrokerConnection> attempt;
        synchronized (slot) {
            BrokerConnection held = slot.connection;
            if (held != null && (held.isOpen() || !held.recoveryStopped() && isRecovering(held.client()))) {
                return held;
            }
            if (slot.attempt == null) {
                slot.attempt = mine = new CompletableFuture<>();
            }
            attempt = slot.attempt;
        }
        if (mine != null) {
            open(settings, role, slot, mine);
        }
        return await(attempt);
    }

    private void checkRunning(BrokerSettings settings) {
        if (stopped) {
            throw new IllegalStateException("The Warren resource adapter is stopped; no broker connection for "
                    + settings + ". Fix: redeploy or restart the resource adapter.");
        }
    }

    private void open(BrokerSettings settings, Role role, Slot slot, CompletableFuture<BrokerConnection> attempt) {
        String roleName = role.name().toLowerCase(Locale.ROOT);
        String name = (settings.connectionName() == null ? "warren" : settings.connectionName()) + " (" + roleName + ")";
        BrokerConnection opened = null;
        RuntimeException failure = null;
        try {
            ConnectionFactory f = ClientFactories.create(settings);
            ClientExceptionLogger handler = new ClientExceptionLogger();
            f.setExceptionHandler(handler);
            ConnectionMonitor monitor = metrics ? new ConnectionMonitor(java.time.Clock.systemUTC()) : null;
            if (monitor != null) {
                f.setMetricsCollector(monitor);
            }
            Connection c;
            try {
                c = f.newConnection(role == Role.INBOUND ? inboundDispatch : null,
                        ClientFactories.addressResolver(settings), name);
            } catch (Exception e) {
                throw Errors.translate("open the " + roleName + " broker connection with " + settings, e);
            }
            LOG.log(Level.INFO, "Opened broker connection ''{0}'' with {1}", new Object[]{name, settings});
            listenForRecovery(c, name);
            if (monitor != null) {
                monitor.watch(c);
            }
            opened = new BrokerConnection(c, name, handler, monitor);
            if (stopped) {
                close(opened);
                checkRunning(settings);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (slot) {
            slot.attempt = null;
            if (opened != null) {
                slot.connection = opened;
            }
        }
        if (failure != null) {
            attempt.completeExceptionally(failure);
        } else {
            attempt.complete(opened);
        }
    }

    private static BrokerConnection await(CompletableFuture<BrokerConnection> attempt) {
        try {
            return attempt.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarrenException("Interrupted while waiting for the broker connection to open.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new WarrenException("Opening the broker connection failed: " + cause, cause);
        }
    }

    private static void listenForRecovery(Connection c, String name) {
        if (c instanceof Recoverable r) {
            r.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    LOG.log(Level.INFO, "Broker connection ''{0}'' recovered", name);
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    LOG.log(Level.WARNING, "Broker connection ''{0}'' lost; recovering", name);
                }
            });
        }
    }

    static boolean isRecovering(Connection c) {
        // an auto-recovering connection closed by a network failure or by the broker reconnects by itself;
        // one closed by the application stays closed
        return c instanceof Recoverable && c.getCloseReason() != null
                && !c.getCloseReason().isInitiatedByApplication();
    }

    /** @return the connections held now (open, recovering or closed for good but not yet replaced) */
    public List<BrokerConnection> held() {
        List<BrokerConnection> all = new ArrayList<>();
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (slot.connection != null) {
                    all.add(slot.connection);
                }
            }
        }
        return all;
    }

    /** @return how many connections are currently held */
    int size() { // for BrokerConnectionsIT
        int n = 0;
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                n += slot.connection == null ? 0 : 1;
            }
        }
        return n;
    }

    /** Closes every connection; further {@link #get} calls fail, and an attempt in progress closes what it opens. */
    public void closeAll() {
        stopped = true;
        List<BrokerConnection> all = new ArrayList<>();
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (slot.connection != null) {
                    all.add(slot.connection);
                    slot.connection = null;
                }
            }
        }
        slots.clear();
        for (BrokerConnection held : all) {
            close(held);
        }
    }

    private static void close(BrokerConnection held) {
        Connection c = held.client();
        try {
            if (c.isOpen()) {
                c.close(5000);
            } else {
                c.abort(1000);
            }
        } catch (Exception | Error e) {
            LOG.log(Level.WARNING, "Closing " + held + " failed: " + e, e);
        }
    }
}
