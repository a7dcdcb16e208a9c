package dev.warren.jca;

import dev.warren.amqp.ConnectionState;

import java.time.Instant;

/**
 * An immutable snapshot of what one scope of the resource adapter did since it started: the adapter as a whole, one
 * connection definition (connection factory) or one activation (message-driven bean). Publish counts come from the
 * scope's channels (an activation publishes too: retries and dead-letters); delivery counts from its consumers.
 * Counts only grow; zero when metrics are off ({@code metrics=false}). Read through
 * {@link WarrenConnectionFactory#status()} or the MBeans {@code dev.warren:type=...} (docs/observability.md).
 *
 * @param scope {@code ResourceAdapter}, {@code ConnectionFactory} or {@code Activation}
 * @param name the scope's name (as in its MBean's {@code name=})
 * @param published messages published
 * @param confirmed publishes the broker confirmed (publisher confirms)
 * @param nacked publishes the broker nacked
 * @param returned mandatory publishes the broker returned as unroutable
 * @param publishFailures publishes that failed (channel or connection lost, no confirm in time)
 * @param consumed messages received from the broker
 * @param acked messages acknowledged
 * @param rejected messages rejected without requeue (to the queue's own dead-lettering, if any)
 * @param requeued messages given back to their queue
 * @param deadLettered messages Warren published to the dead-letter exchange (failurePolicy=dead-letter)
 * @param redelivered received messages the broker flagged as redelivered
 * @param decodeErrors deliveries that failed because the body could not be decoded (or its type is not accepted)
 * @param inFlight messages received and not yet settled
 * @param beanTimeP50Micros median time of a bean call in microseconds, since start (0 before any call)
 * @param beanTimeP99Micros 99th percentile of a bean call in microseconds, since start
 * @param consumersOpen consumers (channels) consuming now
 * @param connectionState the scope's broker connection: open, recovering or closed (the worst of all, for the
 *        adapter); null before it first connected
 * @param lastError why the connection last failed, without credentials; null when it never did
 * @param lastRecovery when the connection was last recovered; null when it never was
 */
public record WarrenMetrics(String scope, String name, long published, long confirmed, long nacked, long returned,
                            long publishFailures, long consumed, long acked, long rejected, long requeued,
                            long deadLettered, long redelivered, long decodeErrors, long inFlight,
                            long beanTimeP50Micros, long beanTimeP99Micros, int consumersOpen,
                            ConnectionState connectionState, String lastError, Instant lastRecovery) {
}
