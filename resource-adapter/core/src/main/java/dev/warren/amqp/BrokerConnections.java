package dev.warren.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The AMQP connections a resource adapter shares: one per (settings, role), opened on first use and
 * closed when the adapter stops. Outbound channels (managed connections) and inbound consumers use
 * different roles, so a publisher blocked by broker flow control never stalls consumers.
 *
 * <p>A connection that closed for good (not one the client is recovering) is replaced on next use.
 * Thread-safe.
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

    private final Map<String, BrokerConnection> connections = new LinkedHashMap<>();
    private boolean stopped;

    /**
     * @param settings effective settings
     * @param role what the connection is for
     * @return an open (or recovering) shared connection
     * @throws dev.warren.BrokerException when it cannot be opened
     */
    public synchronized BrokerConnection get(BrokerSettings settings, Role role) {
        if (stopped) {
            throw new IllegalStateException("The Warren resource adapter is stopped; no broker connection for "
                    + settings + ". Fix: redeploy or restart the resource adapter.");
        }
        String key = role + " " + settings.hashCode() + " " + settings;
        BrokerConnection held = connections.get(key);
        if (held != null && (held.isOpen() || isRecovering(held.client()))) {
            return held;
        }
        Connection c;
        String name = (settings.connectionName() == null ? "warren" : settings.connectionName())
                + " (" + role.name().toLowerCase(java.util.Locale.ROOT) + ")";
        ConnectionFactory f = settings.toClientFactory();
        f.setExceptionHandler(new ClientExceptionLogger());
        try {
            c = settings.addressList() != null ? f.newConnection(settings.addressList(), name) : f.newConnection(name);
        } catch (Exception e) {
            throw Errors.translate("open the " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + " broker connection with " + settings, e);
        }
        LOG.log(Level.INFO, "Opened broker connection ''{0}'' with {1}", new Object[]{name, settings});
        if (c instanceof com.rabbitmq.client.Recoverable) {
            String n = name;
            ((com.rabbitmq.client.Recoverable) c).addRecoveryListener(new com.rabbitmq.client.RecoveryListener() {
                @Override
                public void handleRecovery(com.rabbitmq.client.Recoverable r) {
                    LOG.log(Level.INFO, "Broker connection ''{0}'' recovered", n);
                }

                @Override
                public void handleRecoveryStarted(com.rabbitmq.client.Recoverable r) {
                    LOG.log(Level.WARNING, "Broker connection ''{0}'' lost; recovering", n);
                }
            });
        }
        held = new BrokerConnection(c, name);
        connections.put(key, held);
        return held;
    }

    private static boolean isRecovering(Connection c) {
        // an auto-recovering connection closed by a network failure or by the broker reconnects by itself;
        // one closed by the application stays closed
        return c instanceof com.rabbitmq.client.Recoverable && c.getCloseReason() != null
                && !c.getCloseReason().isInitiatedByApplication();
    }

    /** @return how many connections are currently held */
    public synchronized int size() {
        return connections.size();
    }

    /** Closes every connection; further {@link #get} calls fail. */
    public synchronized void closeAll() {
        stopped = true;
        List<BrokerConnection> all = new ArrayList<>(connections.values());
        connections.clear();
        for (BrokerConnection held : all) {
            Connection c = held.client();
            try {
                if (c.isOpen()) {
                    c.close(5000);
                } else {
                    c.abort(1000);
                }
            } catch (Exception | Error e) {
                LOG.log(Level.WARNING, "Closing broker connection " + c + " failed: " + e, e);
            }
        }
    }
}
