package dev.warren.amqp;

import com.rabbitmq.client.Connection;

import java.util.Objects;

/**
 * A shared broker connection handed out by {@link BrokerConnections}: what the JCA layer holds instead of the
 * client's {@code Connection}, so that only this package touches the RabbitMQ client. Open sessions on it with
 * {@link dev.warren.amqp.internal.ChannelSession#open(BrokerConnection, dev.warren.SessionConfig)}. Thread-safe (the client connection is).
 */
public final class BrokerConnection {
    private final Connection client;
    private final String name;
    private final ClientExceptionLogger handler;
    /** the client's metrics and the connection's last error and recovery; null when metrics are off */
    private final ConnectionMonitor monitor;

    BrokerConnection(Connection client, String name, ClientExceptionLogger handler, ConnectionMonitor monitor) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = name;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.monitor = monitor;
    }

    /** @return open, recovering (the client reconnects by itself) or closed for good */
    public ConnectionState state() {
        if (client.isOpen()) {
            return ConnectionState.OPEN;
        }
        return !recoveryStopped() && BrokerConnections.isRecovering(client) ? ConnectionState.RECOVERING
                : ConnectionState.CLOSED;
    }

    /**
     * @return the connection's state and the client's counts (zero when metrics are off), without credentials
     */
    public ConnectionStats stats() {
        ConnectionState state = state();
        if (monitor == null) {
            return new ConnectionStats(name, state, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return monitor.stats(name, state);
    }

    /** @return whether its automatic recovery was ended (after a TLS handshake failure): it never comes back */
    boolean recoveryStopped() {
        return handler.recoveryStopped();
    }

    /** @return the client connection, for the broker layer ({@code dev.warren.amqp.internal}); not API */
    public Connection client() {
        return client;
    }

    /** @return whether the connection is open (a recovering one is not) */
    public boolean isOpen() {
        return client.isOpen();
    }

    /** @return the connection's name as the broker shows it */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "broker connection '" + name + "'";
    }
}
