package dev.warren.celery;

import dev.warren.Message;
import dev.warren.Queue;
import dev.warren.Session;

import java.time.Duration;
import java.time.Instant;

/**
 * Holds back a task whose {@code eta} (or countdown) lies ahead without holding a thread, a prefetch slot or
 * memory: the message is republished, unchanged, to a delay queue whose queue-wide TTL is the largest power of two
 * milliseconds not past the eta; the queue dead-letters expired messages back to the task queue (default exchange,
 * routing key = the task queue), where the eta is checked again. Every message of a delay queue has the same TTL,
 * so they expire in order (a per-message TTL would wait behind a longer one at the head), and each hop at least
 * halves the remaining wait: a task waits at most ~log2(delay in ms) hops and never runs early.
 *
 * <p>Delay queues are named {@code <queue>.warren.eta.<ttl ms>}, durable, with no consumers; at most one per power
 * of two in use (about 30 for delays up to ~12 days). The republish happens before the caller acknowledges the
 * original, so a crash in between duplicates the task rather than losing it.
 *
 * <p>Threading: stateless; each call uses the caller's session from the caller's thread.
 */
public final class EtaDelay {

    private EtaDelay() {
    }

    /**
     * @param remaining the time left until the eta
     * @return the delay queue TTL to use: the largest power of two milliseconds not longer than {@code remaining}
     *         (at least 1 ms)
     */
    public static long bucketMillis(Duration remaining) {
        long ms = Math.max(1, remaining.toMillis());
        return Long.highestOneBit(ms);
    }

    /**
     * @param queue the task queue
     * @param ttlMillis the bucket TTL
     * @return the delay queue that dead-letters back to {@code queue} after {@code ttlMillis}
     */
    public static Queue delayQueue(String queue, long ttlMillis) {
        return Queue.builder(queue + ".warren.eta." + ttlMillis).durable(true)
                .messageTtl(Duration.ofMillis(ttlMillis)).deadLetterExchange("").deadLetterRoutingKey(queue).build();
    }

    /**
     * Republishes a task message to the delay queue for its eta. The caller acknowledges the original afterwards.
     *
     * @param session the session to declare and publish on
     * @param message the task message (body and properties are kept)
     * @param queue the task queue it came from and returns to
     * @param eta the eta
     * @param now the current time
     * @return the delay queue's name
     * @throws dev.warren.BrokerException when the declaration or the publish fails
     */
    public static String defer(Session session, Message message, String queue, Instant eta, Instant now) {
        Queue delay = session.declare(delayQueue(queue, bucketMillis(Duration.between(now, eta))));
        session.basicPublish("", delay.name(), false, message.properties(), message.body());
        return delay.name();
    }
}
