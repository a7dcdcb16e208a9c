package dev.warren.jca;

import dev.warren.internal.Messages;
import dev.warren.Acknowledger;
import dev.warren.Binding;
import dev.warren.BrokerException;
import dev.warren.DeliveryHandler;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.MessageProperties;
import dev.warren.Producer;
import dev.warren.Queue;
import dev.warren.QueueInfo;
import dev.warren.ReturnedMessage;
import dev.warren.RetryPolicy;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link WarrenConnection} an application holds: delegates to its managed connection's channel session,
 * fails clearly once closed or invalidated, reports channel-closing failures to the pool, and commits
 * writes right away when the channel is transactional but no transaction is active.
 * Threading: as {@link WarrenConnection}.
 */
final class WarrenConnectionHandle implements WarrenConnection {
    private static final Logger LOG = Logger.getLogger(WarrenConnectionHandle.class.getName());
    private volatile WarrenManagedConnection mc;
    private volatile boolean closed;
    private volatile String invalidReason;
    /** Consumers started through this handle; created on first use (most handles only publish). */
    private volatile Set<String> consumerTags;

    WarrenConnectionHandle(WarrenManagedConnection mc) {
        this.mc = mc;
    }

    WarrenManagedConnection managedConnection() {
        return mc;
    }

    void associate(WarrenManagedConnection newMc) {
        this.mc = newMc;
        this.invalidReason = null;
    }

    void invalidate() {
        cancelConsumers();
        invalidReason = "its managed connection was cleaned up by the application server (transaction or"
                + " component ended)";
    }

    private ChannelSession session() {
        if (closed) {
            throw new IllegalStateException("This Warren connection handle is closed. Fix: take a new one from"
                    + " the WarrenConnectionFactory (handles are cheap; close them with try-with-resources).");
        }
        if (invalidReason != null) {
            throw new IllegalStateException("This Warren connection handle is no longer valid: " + invalidReason
                    + ". Fix: take a new one from the WarrenConnectionFactory.");
        }
        return mc.session();
    }

    private <T> T run(Supplier<T> call) {
        ChannelSession s = session();
        try {
            return call.get();
        } catch (BrokerException e) {
            throw failed(s, e);
        }
    }

    /**
     * Reports a failure that closed the channel to the pool, which then drops this managed connection — unless the
     * connection was lost and the client is recovering the channel in place (a retry may then succeed on it).
     */
    private BrokerException failed(ChannelSession s, BrokerException e) {
        if ((e.channelClosed() || !s.isOpen()) && !(e.connectionLost() && s.isRecovering())) {
            mc.channelFailed(this, e);
        }
        return e;
    }

    private void exec(Runnable call) {
        run(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public Producer producer() {
        session();
        WarrenManagedConnectionFactory f = mc.factory();
        Producer p = new Producer(this, f.defaultExchangeValue(), f.getDefaultRoutingKey());
        return f.getCompression() == null ? p : p.compression(f.getCompression());
    }

    @Override
    public MessageCodec codec() {
        return session().codec();
    }

    @Override
    public Accept accept() {
        return session().accept();
    }

    @Override
    public boolean isOpen() {
        return !closed && invalidReason == null && mc.session().isOpen();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void declare(Exchange exchange) {
        ChannelSession s = session(); // no lambda: producers call this before every publish
        try {
            s.declare(exchange);
        } catch (BrokerException e) {
            throw failed(s, e);
        }
    }

    @Override
    public void declarePassive(Exchange exchange) {
        exec(() -> mc.session().declarePassive(exchange));
    }

    @Override
    public void delete(Exchange exchange) {
        exec(() -> mc.session().delete(exchange));
    }

    @Override
    public Queue declare(Queue queue) {
        return run(() -> mc.session().declare(queue));
    }

    @Override
    public QueueInfo declarePassive(Queue queue) {
        return run(() -> mc.session().declarePassive(queue));
    }

    @Override
    public long purge(Queue queue) {
        return run(() -> mc.session().purge(queue));
    }

    @Override
    public void delete(Queue queue) {
        exec(() -> mc.session().delete(queue));
    }

    @Override
    public void declareBinding(Queue queue, Binding binding) {
        exec(() -> mc.session().declareBinding(queue, binding));
    }

    @Override
    public void deleteBinding(Queue queue, Binding binding) {
        exec(() -> mc.session().deleteBinding(queue, binding));
    }

    @Override
    public Optional<Message> get(Queue queue, boolean noAck) {
        Optional<Message> m = run(() -> mc.session().get(queue, noAck));
        if (m.isEmpty() || noAck) {
            if (m.isPresent()) {
                exec(() -> mc.afterWrite());
            }
            return m;
        }
        Message raw = m.get();
        mc.fetched();
        // settle through this handle, so acks on a transactional channel are committed (or join the transaction)
        return Optional.of(Messages.received(raw.body(), raw.properties(), raw.deliveryInfo(), new HandleAcknowledger(),
                raw.state(), mc.session().codec(), mc.session().accept()));
    }

    @Override
    public void basicPublish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                             byte[] body, Duration confirmTimeout) {
        ChannelSession s = session(); // no lambda on the per-message path
        try {
            mc.beforePublish(); // a tx channel kept from an earlier transaction: fresh channel first
            if (confirmTimeout != null && !s.confirmMode() && !mc.confirmsByDefault()) {
                mc.factory().confirmModeSwitched(mc);
            }
            s.basicPublish(exchange, routingKey, mandatory, properties, body, confirmTimeout);
            mc.afterWrite();
        } catch (BrokerException e) {
            throw failed(s, e);
        }
    }

    @Override
    public Duration confirmTimeout() {
        return session().confirmTimeout();
    }

    /** @return whether the factory propagates trace context ({@code tracing} of the factory and the adapter) */
    @Override
    public boolean tracing() {
        return session().tracing();
    }

    /**
     * @return the factory's retry policy, or none inside a transaction (the AMQP transaction dies with a lost
     *         channel, so a retried publish would commit without the work before it)
     */
    @Override
    public RetryPolicy retryPolicy() {
        ChannelSession s = session();
        return mc.inTransaction() ? RetryPolicy.NONE : s.retryPolicy();
    }

    @Override
    public void basicQos(int prefetchCount) {
        mc.qosChanged();
        exec(() -> mc.session().basicQos(prefetchCount));
    }

    /**
     * Consumes on the handle's channel. The messages settle through this handle, so their acknowledgements take part
     * in the handle's local transaction (and commit with it, or roll back); outside one they are committed at once on
     * a transactional channel. Closing the handle cancels the consumer; the channel is reset when it returns to the
     * pool.
     */
    @Override
    public String basicConsume(String queue, boolean noAck, Accept accept, DeliveryHandler handler) {
        return basicConsume(queue, noAck, java.util.Map.of(), accept, handler);
    }

    /** As {@link #basicConsume(String, boolean, Accept, DeliveryHandler)}, with consume arguments. */
    @Override
    public String basicConsume(String queue, boolean noAck, java.util.Map<String, Object> arguments, Accept accept,
                               DeliveryHandler handler) {
        mc.consumed();
        MessageCodec codec = mc.session().codec();
        DeliveryHandler throughHandle = new DeliveryHandler() {
            @Override
            public void handle(Message raw) {
                handler.handle(noAck ? raw : Messages.received(raw.body(), raw.properties(), raw.deliveryInfo(),
                        new HandleAcknowledger(), raw.state(), codec, accept));
            }

            @Override
            public void cancelled(String consumerTag) {
                handler.cancelled(consumerTag);
            }

            @Override
            public void cancelOk(String consumerTag) {
                handler.cancelOk(consumerTag);
            }
        };
        String tag = run(() -> mc.session().basicConsume(queue, noAck, arguments, accept, throughHandle));
        consumerTags().add(tag);
        return tag;
    }

    @Override
    public void basicCancel(String consumerTag) {
        Set<String> tags = consumerTags;
        if (tags != null) {
            tags.remove(consumerTag);
        }
        exec(() -> mc.session().basicCancel(consumerTag));
    }

    @Override
    public void recover(boolean requeue) {
        exec(() -> mc.session().recover(requeue));
    }

    @Override
    public AutoCloseable onReturn(Consumer<ReturnedMessage> listener) {
        return run(() -> mc.session().onReturn(listener));
    }

    private Set<String> consumerTags() {
        Set<String> tags = consumerTags;
        if (tags == null) {
            synchronized (this) {
                tags = consumerTags;
                if (tags == null) {
                    tags = ConcurrentHashMap.newKeySet();
                    consumerTags = tags;
                }
            }
        }
        return tags;
    }

    private void cancelConsumers() {
        Set<String> tags = consumerTags;
        if (tags == null) {
            return;
        }
        for (String tag : tags) {
            try {
                if (mc.session().isOpen()) {
                    mc.session().basicCancel(tag);
                }
            } catch (RuntimeException e) {
                // the channel is broken; the pool drops it and the broker forgets the consumer with it
                LOG.log(Level.FINE, "Cancelling consumer " + tag + " on " + mc + " failed (channel broken): "
                        + e.getMessage(), e);
            }
        }
        tags.clear();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        cancelConsumers();
        closed = true;
        if (invalidReason == null) {
            mc.handleClosed(this);
        }
    }

    @Override
    public String toString() {
        return "WarrenConnection(" + (closed ? "closed" : mc) + ")";
    }

    /** Settles polled messages on the handle's channel, then commits when the channel is tx but no tx is on. */
    private final class HandleAcknowledger implements Acknowledger {
        @Override
        public void ack(long deliveryTag) {
            exec(() -> {
                mc.session().ack(deliveryTag);
                mc.afterWrite();
            });
        }

        @Override
        public void reject(long deliveryTag, boolean requeue) {
            exec(() -> {
                mc.session().reject(deliveryTag, requeue);
                mc.afterWrite();
            });
        }
    }
}
