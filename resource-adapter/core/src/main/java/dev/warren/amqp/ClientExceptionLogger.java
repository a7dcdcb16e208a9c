package dev.warren.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import dev.warren.WarrenException;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the RabbitMQ client's asynchronous errors (connection driver, consumer callbacks, recovery) to JUL,
 * so they reach the server log even when no SLF4J binding is visible to the client. A recovery attempt that fails
 * its TLS handshake ends the recovery (the connection is aborted, with one SEVERE line saying what failed and which
 * setting to check): a certificate problem does not go away by retrying every few seconds. Thread-safe.
 */
final class ClientExceptionLogger extends ForgivingExceptionHandler {
    private static final Logger LOG = Logger.getLogger("dev.warren.jca.client");

    private volatile boolean recoveryStopped;

    /** @return whether this handler ended its connection's recovery (the connection is dead for good) */
    boolean recoveryStopped() {
        return recoveryStopped;
    }

    @Override
    public void handleConnectionRecoveryException(Connection conn, Throwable exception) {
        WarrenException translated = Errors.translate("recover broker connection '" + conn.getClientProvidedName()
                + "'", exception);
        if (translated instanceof TlsHandshakeException) {
            LOG.log(Level.SEVERE, translated.getMessage() + " Recovery stops; the connection is replaced when it is"
                    + " next needed.", translated);
            recoveryStopped = true;
            conn.abort();
            return;
        }
        super.handleConnectionRecoveryException(conn, exception);
    }

    @Override
    protected void log(String message, Throwable e) {
        LOG.log(Level.WARNING, "RabbitMQ client: " + (message == null ? "error" : message) + ": " + e, e);
    }
}
