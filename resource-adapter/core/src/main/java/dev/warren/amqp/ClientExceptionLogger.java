package dev.warren.amqp;

import com.rabbitmq.client.impl.ForgivingExceptionHandler;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the RabbitMQ client's asynchronous errors (connection driver, consumer callbacks, recovery) to JUL,
 * so they reach the server log even when no SLF4J binding is visible to the client. Thread-safe.
 */
final class ClientExceptionLogger extends ForgivingExceptionHandler {
    private static final Logger LOG = Logger.getLogger("dev.warren.jca.client");

    @Override
    protected void log(String message, Throwable e) {
        LOG.log(Level.WARNING, "RabbitMQ client: " + (message == null ? "error" : message) + ": " + e, e);
    }
}
