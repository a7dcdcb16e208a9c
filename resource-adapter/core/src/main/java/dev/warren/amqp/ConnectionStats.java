package dev.warren.amqp;

import java.time.Instant;

/**
 * An immutable snapshot of one shared broker connection: its state and what the RabbitMQ client's
 * {@code MetricsCollector} counted on it (all channels of the connection, whoever used them).
 *
 * @param name the connection's name as the broker shows it, e.g. {@code warren (inbound)}
 * @param state open, recovering (the client reconnects by itself) or closed
 * @param lastError why it last closed or failed, without credentials; null when it never did
 * @param lastRecovery when the client's automatic recovery last reopened it; null when it never did
 * @param channels channels open now
 * @param published messages published
 * @param publishFailures publishes the client could not write
 * @param confirmed publishes the broker confirmed
 * @param nacked publishes the broker nacked
 * @param returned mandatory publishes returned as unroutable
 * @param consumed messages delivered to consumers
 * @param acked deliveries acknowledged
 * @param rejected deliveries rejected or requeued (basic.reject and basic.nack)
 */
public record ConnectionStats(String name, ConnectionState state, String lastError, Instant lastRecovery,
                              long channels, long published, long publishFailures, long confirmed, long nacked,
                              long returned, long consumed, long acked, long rejected) {
}
