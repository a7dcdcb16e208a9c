package dev.warren.jca;

import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.MessageProperties;
import dev.warren.Session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies an activation's {@link FailurePolicy} to a message whose delivery failed.
 *
 * <p>dead-letter: the attempt count travels in the message's own headers ({@link AttemptLog}: {@code
 * x-warren-attempts} and one {@code x-warren-failures} entry per failed attempt with its time and exception), so no
 * state lives in the server. While the count is at most maxRedeliveries the message is retried: without a backoff
 * (retryDelay not set) it is republished to its queue at once; with one it is republished to the retry queue of its
 * delay ({@link RetryBackoff}), whose TTL hands it back to the work queue when the delay is over. Either way it keeps
 * its original exchange and routing key ({@code x-warren-original-exchange}, {@code x-warren-original-routing-key}).
 * After that it is published to the dead-letter exchange with {@code x-warren-exception} (class name),
 * {@code x-warren-exception-message}, {@code x-warren-original-queue} and the attempt record
 * ({@code x-warren-exception} is {@value TransactionRolledBack#REASON} when the bean returned normally but its
 * transaction rolled back). Every republish waits for a publisher confirm; the original is acknowledged only after
 * it, so a crash in between duplicates the message (with the count of the copy that was confirmed) rather than
 * losing it. A republish that fails is logged as such and the original is not acknowledged: requeued at once while
 * its channel is open (a confirm timeout, a nack, a returned publish), so that neither a prefetch slot nor a later
 * multiple-ack ({@code ackBatchSize}) takes it; redelivered by the broker when the refusal closed the channel (a
 * missing dead-letter exchange: 404). Those failures can repeat as fast as the message loops: one WARNING a minute
 * ({@link WarningThrottle}), the rest at FINE.
 *
 * <p>requeue: without a backoff, unbounded on classic queues (they carry no delivery count; use dead-letter, whose
 * {@code x-warren-attempts} republish counts attempts on any queue type). On quorum queues the broker's
 * {@code x-delivery-count} header bounds it: once it reaches maxRedeliveries (1 + maxRedeliveries deliveries)
 * the message is rejected without requeue, i.e. handed to the queue's own dead-lettering. With a backoff, requeue
 * waits like dead-letter (retry queues, attempt headers), on any queue type, and after maxRedeliveries retries
 * rejects the message without requeue (the queue's own dead-lettering) instead of publishing it. Thread-safe.
 */
final class FailureHandler {
    private static final Logger LOG = Logger.getLogger(FailureHandler.class.getName());
    static final String ATTEMPTS = AttemptLog.ATTEMPTS;
    /** set by quorum queues on redeliveries: how many times the message was returned to the queue before */
    static final String DELIVERY_COUNT = "x-delivery-count";
    static final String EXCEPTION = "x-warren-exception";
    static final String EXCEPTION_MESSAGE = "x-warren-exception-message";
    static final String ORIGINAL_EXCHANGE = "x-warren-original-exchange";
    static final String ORIGINAL_ROUTING_KEY = "x-warren-original-routing-key";
    static final String ORIGINAL_QUEUE = "x-warren-original-queue";

    /** at most one WARNING per this interval for republishes that failed ({@link #unsettled}) */
    private static final long UNSETTLED_WARNING_INTERVAL_MILLIS = 60_000;
    /** how long a republish waits for the broker's confirm */
    private static final java.time.Duration CONFIRM_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final ActivationConfig config;
    private final String name;
    private final java.time.Clock clock;
    /** counts the dead-lettered messages */
    private final DeliveryRecorder recorder;
    /** a refused republish can repeat as fast as the message loops: one WARNING a minute, the rest at FINE */
    private final WarningThrottle unsettledWarnings = new WarningThrottle(UNSETTLED_WARNING_INTERVAL_MILLIS);

    FailureHandler(ActivationConfig config, String name) {
        this(config, name, java.time.Clock.systemUTC());
    }

    /** @param clock when attempts failed, for {@link AttemptLog} */
    FailureHandler(ActivationConfig config, String name, java.time.Clock clock) {
        this(config, name, clock, DeliveryRecorder.OFF);
    }

    /**
     * @param clock when attempts failed, for {@link AttemptLog}
     * @param recorder the activation's metrics (dead-lettered messages)
     */
    FailureHandler(ActivationConfig config, String name, java.time.Clock clock, DeliveryRecorder recorder) {
        this.config = config;
        this.name = name;
        this.clock = clock;
        this.recorder = recorder;
    }

    /**
     * @param message the failed message (unsettled); settled when this returns, unless its channel closed
     * @param failure why it failed
     * @param session the channel the message arrived on, for republishing
     */
    void handle(Message message, Throwable failure, Session session) {
        String why = exceptionName(failure) + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        switch (config.failurePolicy()) {
            case REQUEUE -> {
                if (config.retryBackoff() != null) { // bounded by maxRedeliveries on any queue type
                    delayedRequeue(message, failure, session, why);
                    return;
                }
                Object count = message.headers() == null ? null : message.headers().get(DELIVERY_COUNT);
                if (count instanceof Number n && n.longValue() >= config.maxRedeliveries()) {
                    LOG.log(Level.WARNING, name + " failed on " + message.describe() + " after " + (n.longValue() + 1)
                            + " deliveries (quorum queue " + DELIVERY_COUNT + " " + n + " >= maxRedeliveries "
                            + config.maxRedeliveries() + "); rejected without requeue (the queue's dead-letter"
                            + " exchange gets it, if it has one): " + why, logged(failure));
                    message.reject();
                    return;
                }
                LOG.log(Level.WARNING, name + " failed on " + message.describe() + ", requeued: " + why, logged(failure));
                message.requeue();
            }
            case REJECT -> {
                LOG.log(Level.WARNING, name + " failed on " + message.describe() + ", rejected: " + why, logged(failure));
                message.reject();
            }
            case DEAD_LETTER -> deadLetter(message, failure, session, why);
            default -> throw new IllegalStateException(config.failurePolicy().name());
        }
    }

    private void deadLetter(Message message, Throwable failure, Session session, String why) {
        int attempts = AttemptLog.attempts(message.headers()) + 1;
        if (attempts <= config.maxRedeliveries()) {
            if (!retry(message, failure, session, attempts)) {
                return;
            }
            LOG.log(Level.WARNING, name + " failed on " + message.describe() + " (attempt " + attempts + " of "
                    + (config.maxRedeliveries() + 1) + "), retrying" + inDelay(attempts) + ": " + why, logged(failure));
        } else {
            Map<String, Object> headers = AttemptLog.record(message.headers(), exceptionName(failure),
                    failure.getMessage(), clock.instant(), null);
            headers.putIfAbsent(ORIGINAL_EXCHANGE, message.deliveryInfo().exchange());
            headers.putIfAbsent(ORIGINAL_ROUTING_KEY, message.deliveryInfo().routingKey());
            headers.put(EXCEPTION, exceptionName(failure));
            headers.put(EXCEPTION_MESSAGE, failure.getMessage() == null ? "" : failure.getMessage());
            headers.put(ORIGINAL_QUEUE, config.queue().name());
            Exchange dlx = config.deadLetterExchangeValue();
            String key = config.deadLetterRoutingKey() != null ? config.deadLetterRoutingKey()
                    : String.valueOf(headers.get(ORIGINAL_ROUTING_KEY));
            if (!publishConfirmed(session, dlx.name(), key, message, headers, "dead-letter it")) {
                return;
            }
            recorder.add(DeliveryRecorder.Count.DEAD_LETTERED);
            LOG.log(Level.WARNING, name + " failed on " + message.describe() + " " + attempts + " times;"
                    + " dead-lettered to exchange '" + dlx.name() + "' with key '" + key + "': " + why, logged(failure));
        }
        message.ack();
    }

    /** requeue with a backoff: retries through the retry queues, then rejects (the queue's own dead-lettering) */
    private void delayedRequeue(Message message, Throwable failure, Session session, String why) {
        int attempts = AttemptLog.attempts(message.headers()) + 1;
        if (attempts > config.maxRedeliveries()) {
            LOG.log(Level.WARNING, name + " failed on " + message.describe() + " " + attempts + " times ("
                    + AttemptLog.ATTEMPTS + " > maxRedeliveries " + config.maxRedeliveries() + "); rejected without"
                    + " requeue (the queue's dead-letter exchange gets it, if it has one): " + why, logged(failure));
            message.reject();
            return;
        }
        if (!retry(message, failure, session, attempts)) {
            return;
        }
        LOG.log(Level.WARNING, name + " failed on " + message.describe() + " (attempt " + attempts + " of "
                + (config.maxRedeliveries() + 1) + "), requeued" + inDelay(attempts) + ": " + why, logged(failure));
        message.ack();
    }

    /**
     * Republishes the failed message for another attempt, with the attempt recorded in its headers: to the retry
     * queue of its delay when there is a backoff, else straight back to the work queue.
     *
     * @param attempts the failed attempts including this one, at most maxRedeliveries
     * @return whether the broker confirmed it (then the caller acknowledges the original)
     */
    private boolean retry(Message message, Throwable failure, Session session, int attempts) {
        RetryBackoff backoff = config.delaysRetries() ? config.retryBackoff() : null;
        Long delay = backoff == null ? null : backoff.delayBefore(attempts);
        Map<String, Object> headers = AttemptLog.record(message.headers(), exceptionName(failure),
                failure.getMessage(), clock.instant(), delay);
        headers.putIfAbsent(ORIGINAL_EXCHANGE, message.deliveryInfo().exchange());
        headers.putIfAbsent(ORIGINAL_ROUTING_KEY, message.deliveryInfo().routingKey());
        if (delay == null) {
            return publishConfirmed(session, "", config.queue().name(), message, headers, "republish it to its queue");
        }
        return publishToRetryQueue(session, RetryBackoff.retryQueue(config.queue(), delay), message, headers);
    }

    /**
     * Publishes to a retry queue, mandatory, so that a retry queue deleted behind the activation's back (an operator
     * cleaning up) cannot swallow the message: the broker returns it, the queue is declared again on this channel
     * and the publish repeated once. The message's expiration (per-message TTL) is left out: it would cut the wait
     * short, and the broker drops it on dead-lettering anyway.
     *
     * @return whether the broker confirmed it
     */
    private boolean publishToRetryQueue(Session session, dev.warren.Queue retryQueue, Message message,
                                        Map<String, Object> headers) {
        MessageProperties props = withHeaders(message.properties(), headers, true);
        try {
            try {
                session.basicPublish("", retryQueue.name(), true, props, message.body(), CONFIRM_TIMEOUT);
            } catch (dev.warren.PublishException e) {
                if (e.reason() != dev.warren.PublishException.Reason.UNROUTABLE) {
                    throw e;
                }
                LOG.log(Level.WARNING, "{0}: retry queue ''{1}'' is missing (deleted?); declaring it again",
                        new Object[]{name, retryQueue.name()});
                if (session instanceof dev.warren.amqp.internal.ChannelSession cs) {
                    cs.forgetDeclarations(); // it remembers declaring the queue, which the broker has forgotten
                }
                session.declare(retryQueue);
                session.basicPublish("", retryQueue.name(), true, props, message.body(), CONFIRM_TIMEOUT);
            }
            return true;
        } catch (RuntimeException e) {
            unsettled(message, "republish it to its retry queue '" + retryQueue.name() + "'", e);
            return false;
        }
    }

    private String inDelay(int attempts) {
        return config.delaysRetries() ? " in " + config.retryBackoff().delayBefore(attempts) + " ms (retry queue '"
                + RetryBackoff.queueName(config.queue().name(), config.retryBackoff().delayBefore(attempts)) + "')"
                : "";
    }

    /**
     * Publishes with a publisher confirm, so that success is known before the original is acknowledged and before
     * anything is logged as done. A refusal (e.g. 404, the dead-letter exchange is missing: the broker closes the
     * channel) is logged as what it is; the original stays unacknowledged and the broker redelivers it once the
     * channel is reopened.
     *
     * @return whether the broker confirmed the publish
     */
    private boolean publishConfirmed(Session session, String exchange, String routingKey, Message message,
                                     Map<String, Object> headers, String action) {
        try {
            session.basicPublish(exchange, routingKey, false, withHeaders(message.properties(), headers, false),
                    message.body(), CONFIRM_TIMEOUT);
            return true;
        } catch (RuntimeException e) {
            unsettled(message, action, e);
            return false;
        }
    }

    /**
     * The republish failed, so the message was neither retried nor dead-lettered: requeued at once (uncounted) when
     * its channel is still open (a confirm timeout, a nack, a returned mandatory publish), so that it neither holds
     * a prefetch slot nor is acknowledged, i.e. lost, by a later multiple-ack ({@code ackBatchSize}); left to the
     * broker, which requeues it with the channel, when the refusal closed the channel (e.g. 404, a missing
     * dead-letter exchange).
     *
     * @param action what could not be done, for the log line
     * @param failure why the publish failed
     */
    private void unsettled(Message message, String action, RuntimeException failure) {
        boolean channelGone = failure instanceof dev.warren.BrokerException b && (b.channelClosed()
                || b.connectionLost());
        long heldBack = unsettledWarnings.admit(System.nanoTime());
        Level level = heldBack < 0 ? Level.FINE : Level.WARNING;
        String head = name + " could not " + action + " after a failed delivery of " + message.describe() + ": "
                + failure.getMessage() + " The message was NOT dead-lettered or retried (not counted as an attempt);";
        String tail = heldBack > 0 ? " (" + heldBack + " more such failures since the last warning, logged at FINE)"
                : "";
        if (channelGone) {
            LOG.log(level, head + " the broker delivers it again once the consumer channel is reopened." + tail);
            return;
        }
        try {
            message.requeue();
            LOG.log(level, head + " requeued it at once." + tail);
        } catch (RuntimeException e) {
            LOG.log(level, head + " requeueing it failed too (" + e.getMessage() + "); the broker delivers it"
                    + " again when the channel closes." + tail, e);
        }
    }

    /** @return what x-warren-exception says: the exception's class, or that the transaction rolled back */
    private static String exceptionName(Throwable failure) {
        return failure instanceof TransactionRolledBack ? TransactionRolledBack.REASON : failure.getClass().getName();
    }

    /** @return the throwable worth a stack trace in the log, or null for a rolled-back transaction */
    private static Throwable logged(Throwable failure) {
        return failure instanceof TransactionRolledBack ? null : failure;
    }

    private static MessageProperties withHeaders(MessageProperties p, Map<String, Object> headers,
                                                 boolean dropExpiration) {
        return new MessageProperties(p.contentType(), p.contentEncoding(), headers, p.deliveryMode(), p.priority(),
                p.correlationId(), p.replyTo(), dropExpiration ? null : p.expiration(), p.messageId(), p.timestamp(), p.type(), p.userId(),
                p.appId(), p.clusterId());
    }
}
