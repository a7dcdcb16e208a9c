package dev.warren.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.MetricsCollector;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Watches one broker connection: the RabbitMQ client's {@link MetricsCollector} (set on its connection factory, so
 * the client reports what it sees: publishes, confirms, returns, deliveries, acks, rejects, channels), counted into
 * {@link LongAdder}s, plus the connection's last error (credentials removed) and last recovery time. {@link #stats}
 * reads an immutable {@link ConnectionStats}. A multiple-ack, -nack or -reject counts every delivery it settles, and
 * a multiple publisher confirm every publish it confirms: each channel keeps its {@link Settlements} (a watermark, not
 * an entry per unsettled delivery as the client's own {@code AbstractMetricsCollector} keeps, so a delivery costs no
 * lock and no allocation; that class also counted a multiple confirm as none). A consumer's nack counts as multiple,
 * as the client's class counts it: the client does not pass its flag. Thread-safe.
 */
final class ConnectionMonitor implements MetricsCollector {
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
    /** the open channels' deliveries and publisher confirms (channels compare by identity) */
    private final Map<Channel, Tracked> channelsOpen = new ConcurrentHashMap<>();
    /** consumers whose deliveries the broker settles itself (autoAck), by consumer tag */
    private final Set<String> autoAckConsumers = ConcurrentHashMap.newKeySet();
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
    public void newConnection(Connection connection) {
        // one monitor per connection: its state says whether it is open
    }

    @Override
    public void closeConnection(Connection connection) {
        // as above; its channels report their own close
    }

    @Override
    public void newChannel(Channel channel) {
        if (channelsOpen.putIfAbsent(channel, new Tracked()) == null) {
            channels.increment();
            channel.addShutdownListener(cause -> closeChannel(channel)); // also when the connection is lost
        }
    }

    @Override
    public void closeChannel(Channel channel) {
        if (channelsOpen.remove(channel) != null) {
            channels.decrement();
        }
    }

    @Override
    public void basicPublish(Channel channel) {
        published.increment();
    }

    @Override
    public void basicPublishFailure(Channel channel, Throwable cause) {
        publishFailures.increment();
    }

    @Override
    public void basicPublishAck(Channel channel, long deliveryTag, boolean multiple) {
        confirmed.add(settled(channel, Tracked::confirms, deliveryTag, multiple));
    }

    @Override
    public void basicPublishNack(Channel channel, long deliveryTag, boolean multiple) {
        nacked.add(settled(channel, Tracked::confirms, deliveryTag, multiple));
    }

    @Override
    public void basicPublishUnrouted(Channel channel) {
        returned.increment();
    }

    @Override
    public void consumedMessage(Channel channel, long deliveryTag, boolean autoAck) {
        consumed.increment();
        Tracked t = channelsOpen.get(channel);
        if (t != null) {
            t.deliveries().delivered(deliveryTag, autoAck);
        }
    }

    @Override
    public void consumedMessage(Channel channel, long deliveryTag, String consumerTag) {
        consumedMessage(channel, deliveryTag, !autoAckConsumers.isEmpty() && autoAckConsumers.contains(consumerTag));
    }

    @Override
    public void basicAck(Channel channel, long deliveryTag, boolean multiple) {
        acked.add(settled(channel, Tracked::deliveries, deliveryTag, multiple));
    }

    @Override
    public void basicNack(Channel channel, long deliveryTag) {
        basicNack(channel, deliveryTag, false);
    }

    /** The client does not say whether a nack was multiple; like its own collector, this counts it as multiple. */
    @Override
    public void basicNack(Channel channel, long deliveryTag, boolean requeue) {
        rejected.add(settled(channel, Tracked::deliveries, deliveryTag, true));
    }

    @Override
    public void basicReject(Channel channel, long deliveryTag) {
        basicReject(channel, deliveryTag, false);
    }

    @Override
    public void basicReject(Channel channel, long deliveryTag, boolean requeue) {
        rejected.add(settled(channel, Tracked::deliveries, deliveryTag, false));
    }

    /**
     * @param which the channel's deliveries or its publisher confirms
     * @param tag a delivery tag or publish sequence number
     * @return how many it settles now (a channel opened before this monitor: 1 for a single one, 0 for multiple)
     */
    private long settled(Channel channel, Function<Tracked, Settlements> which, long tag, boolean multiple) {
        Tracked t = channelsOpen.get(channel);
        return t == null ? (multiple ? 0 : 1) : which.apply(t).settle(tag, multiple);
    }

    @Override
    public void basicConsume(Channel channel, String consumerTag, boolean autoAck) {
        if (autoAck) {
            autoAckConsumers.add(consumerTag);
        }
    }

    @Override
    public void basicCancel(Channel channel, String consumerTag) {
        autoAckConsumers.remove(consumerTag);
    }

    /** One open channel's deliveries and publisher confirms. */
    private record Tracked(Settlements deliveries, Settlements confirms) {
        Tracked() {
            this(new Settlements(), Settlements.ofConfirms());
        }
    }
}
