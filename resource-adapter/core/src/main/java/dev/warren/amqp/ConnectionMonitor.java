package dev.warren.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AbstractMetricsCollector;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Watches one broker connection: the RabbitMQ client's {@link com.rabbitmq.client.MetricsCollector} (set on its
 * connection factory, so the client counts what it sees: publishes, confirms, returns, deliveries, acks, rejects,
 * channels) into {@link LongAdder}s, plus the connection's last error (credentials removed) and last recovery time.
 * {@link #stats} reads an immutable {@link ConnectionStats}. Thread-safe; counting does not allocate beyond what the
 * client's {@link AbstractMetricsCollector} keeps per unacknowledged delivery tag.
 */
final class ConnectionMonitor extends AbstractMetricsCollector {
    /** {@code user:password@} in a URI, and {@code password=...} in any text */
    private static final Pattern SECRETS = Pattern.compile("(?i)(//[^/@\\s]*:)[^/@\\s]*@|(password\\s*[=:]\\s*)[^\\s,;)]+");

    private final LongAdder channels = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    private final LongAdder confirmed = new LongAdder();
    private final LongAdder nacked = new LongAdder();
    private final LongAdder returned = new LongAdder();
    private final LongAdder consumed = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final Clock clock;
    private volatile String lastError;
    private volatile Instant lastRecovery;

    ConnectionMonitor(Clock clock) {
        this.clock = clock;
    }

    /** Listens for the connection's closes and recoveries. */
    void watch(Connection connection) {
        connection.addShutdownListener(this::closed);
        if (connection instanceof Recoverable r) {
            r.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    lastRecovery = clock.instant();
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    // the shutdown listener has recorded why
                }
            });
        }
    }

    private void closed(ShutdownSignalException cause) {
        if (!cause.isInitiatedByApplication()) {
            error(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }

    /** @param text why the connection failed (a failed open or recovery); credentials are removed */
    void error(String text) {
        lastError = redact(text);
    }

    /**
     * @param text any text
     * @return it without a URI's password and without {@code password=...}
     */
    static String redact(String text) {
        return text == null ? null : SECRETS.matcher(text).replaceAll(m -> m.group(1) != null
                ? java.util.regex.Matcher.quoteReplacement(m.group(1)) + "***@"
                : java.util.regex.Matcher.quoteReplacement(m.group(2)) + "***");
    }

    ConnectionStats stats(String name, ConnectionState state) {
        return new ConnectionStats(name, state, lastError, lastRecovery, channels.sum(), published.sum(),
                publishFailures.sum(), confirmed.sum(), nacked.sum(), returned.sum(), consumed.sum(), acked.sum(),
                rejected.sum());
    }

    @Override
    protected void incrementConnectionCount(Connection connection) {
        // one monitor per connection: its state says whether it is open
    }

    @Override
    protected void decrementConnectionCount(Connection connection) {
        // as above
    }

    @Override
    protected void incrementChannelCount(Channel channel) {
        channels.increment();
    }

    @Override
    protected void decrementChannelCount(Channel channel) {
        channels.decrement();
    }

    @Override
    protected void markPublishedMessage() {
        published.increment();
    }

    @Override
    protected void markMessagePublishFailed() {
        publishFailures.increment();
    }

    @Override
    protected void markConsumedMessage() {
        consumed.increment();
    }

    @Override
    protected void markAcknowledgedMessage() {
        acked.increment();
    }

    @Override
    protected void markRejectedMessage() {
        rejected.increment();
    }

    @Override
    protected void markMessagePublishAcknowledged() {
        confirmed.increment();
    }

    @Override
    protected void markMessagePublishNotAcknowledged() {
        nacked.increment();
    }

    @Override
    protected void markPublishedMessageUnrouted() {
        returned.increment();
    }
}
