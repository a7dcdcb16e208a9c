package dev.warren.jca;

import dev.warren.Queue;
import dev.warren.QueueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The delays between an activation's attempts at a failed message, and the broker-side retry queues that hold the
 * message while it waits: one queue per distinct delay, named {@code <queue>.warren-retry.<delayMs>}, whose
 * {@code x-message-ttl} is that delay and whose expired messages are dead-lettered through the default exchange back
 * to the work queue. No timer runs in the server and no consumer reads a retry queue: the broker holds the message
 * (no thread, no prefetch slot) and hands it back when the delay is over.
 *
 * <p>The delay before retry {@code n} (1-based) is {@code min(maxDelay, firstDelay * multiplier^(n-1))}, rounded to
 * whole milliseconds. Immutable; thread-safe.
 *
 * @param firstDelayMillis the delay before the first retry, at least 1
 * @param multiplier each further delay is this times the previous one, at least 1.0
 * @param maxDelayMillis no delay is longer, at least firstDelayMillis
 */
record RetryBackoff(long firstDelayMillis, double multiplier, long maxDelayMillis) {
    /** what every retry queue's name has between the work queue's name and the delay */
    static final String QUEUE_INFIX = ".warren-retry.";
    /** at most this many retry queues (distinct delays) per activation */
    static final int MAX_QUEUES = 20;

    RetryBackoff {
        if (firstDelayMillis < 1 || !(multiplier >= 1.0) || Double.isInfinite(multiplier)
                || maxDelayMillis < firstDelayMillis) {
            throw new IllegalArgumentException("invalid backoff " + firstDelayMillis + " ms * " + multiplier
                    + " up to " + maxDelayMillis + " ms");
        }
    }

    /**
     * @param retry which retry, from 1 (the first retry, i.e. the second attempt)
     * @return the milliseconds the message waits before that retry
     */
    long delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry " + retry + " < 1");
        }
        double d = firstDelayMillis * Math.pow(multiplier, retry - 1);
        return d >= maxDelayMillis ? maxDelayMillis : Math.round(d);
    }

    /**
     * @param retries how many retries there are at most (maxRedeliveries)
     * @return the distinct delays of retries 1..retries, ascending: one retry queue each
     */
    List<Long> delays(int retries) {
        TreeSet<Long> out = new TreeSet<>();
        for (int r = 1; r <= retries; r++) {
            long d = delayBefore(r);
            out.add(d);
            if (d == maxDelayMillis) {
                break; // every later retry waits as long
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * @param queue the work queue's name
     * @param delayMillis one of {@link #delays}
     * @return the name of the retry queue holding messages for that long
     */
    static String queueName(String queue, long delayMillis) {
        return queue + QUEUE_INFIX + delayMillis;
    }

    /**
     * The retry queue for one delay: as durable as the work queue (so a persistent message waits through a broker
     * restart where the work queue would keep it), never exclusive or auto-delete (it has no consumer). For a quorum
     * work queue the retry queue is a quorum queue too, with at-least-once dead-lettering (which needs
     * {@code x-overflow=reject-publish}), so the broker never drops a message on its way back.
     *
     * @param work the activation's work queue
     * @param delayMillis the delay
     * @return the queue to declare
     */
    static Queue retryQueue(Queue work, long delayMillis) {
        Queue.Builder b = Queue.builder(queueName(work.name(), delayMillis)).durable(work.durable())
                .exclusive(false).autoDelete(false)
                .argument("x-message-ttl", delayMillis)
                .argument("x-dead-letter-exchange", "")
                .argument("x-dead-letter-routing-key", work.name());
        if (isQuorum(work.arguments())) {
            b.argument("x-queue-type", QueueType.QUORUM.wireName())
                    .argument("x-dead-letter-strategy", "at-least-once")
                    .argument("x-overflow", "reject-publish");
        }
        return b.build();
    }

    /**
     * @param work the activation's work queue
     * @param retries maxRedeliveries
     * @return the retry queues to declare, one per distinct delay
     */
    List<Queue> retryQueues(Queue work, int retries) {
        List<Queue> out = new ArrayList<>();
        for (long d : delays(retries)) {
            out.add(retryQueue(work, d));
        }
        return out;
    }

    private static boolean isQuorum(Map<String, Object> arguments) {
        return QueueType.QUORUM.wireName().equals(String.valueOf(arguments.get("x-queue-type")));
    }
}
