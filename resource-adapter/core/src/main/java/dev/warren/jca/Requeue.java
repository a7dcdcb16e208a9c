package dev.warren.jca;

import dev.warren.Message;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one "give it back to the queue" step of inbound delivery, for messages the bean never saw (no endpoint, the
 * WorkManager refused the work, the activation is stopping) or that failed outside the failure policy. A requeue
 * that fails (the channel broke) is logged, never thrown: the broker redelivers every unacknowledged message of a
 * closed channel anyway. Stateless; safe from any thread.
 */
final class Requeue {
    private static final Logger LOG = Logger.getLogger(Requeue.class.getName());

    private Requeue() {
    }

    /**
     * Requeues the message unless it is already settled; logs a warning if that fails.
     *
     * @param message the message
     * @param owner the activation or consumer, for the log line
     */
    static void orWarn(Message message, String owner) {
        orLog(message, owner, Level.WARNING);
    }

    /**
     * As {@link #orWarn}, logging a failure at {@code FINE}: for a stopping consumer, whose channel is closing on
     * purpose.
     *
     * @param message the message
     * @param owner the activation or consumer, for the log line
     */
    static void quietly(Message message, String owner) {
        orLog(message, owner, Level.FINE);
    }

    private static void orLog(Message message, String owner, Level level) {
        try {
            if (!message.settled()) {
                message.requeue();
            }
        } catch (RuntimeException e) {
            LOG.log(level, owner + ": could not requeue " + message.describe() + " (the broker redelivers it when"
                    + " the channel closes): " + e.getMessage(), e);
        }
    }
}
