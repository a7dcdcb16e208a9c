package dev.warren.amqp.internal;

import dev.warren.internal.Messages;
import dev.warren.amqp.Errors;
import dev.warren.amqp.AmqpProperties;
import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.BrokerConnections;
import dev.warren.amqp.SessionEvents;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ReturnListener;
import dev.warren.Acknowledger;
import dev.warren.Binding;
import dev.warren.BrokerException;
import dev.warren.DeliveryHandler;
import dev.warren.DeliveryInfo;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.MessageProperties;
import dev.warren.Queue;
import dev.warren.QueueInfo;
import dev.warren.ReturnedMessage;
import dev.warren.Session;
import dev.warren.WarrenException;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import dev.warren.tracing.PublishTrace;
import dev.warren.tracing.ReceiveTrace;
import dev.warren.tracing.Tracing;

import dev.warren.PublishException;
import dev.warren.RetryPolicy;
import dev.warren.SessionConfig;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Internal, not API: the broker layer's {@link Session} over one RabbitMQ client {@link Channel}, public only for
 * the JCA glue. Applications open sessions through {@link dev.warren.amqp.Warren} or the connection factory. Every client call goes through
 * {@link Errors#translate}. Thread-safety: as {@link Session}.
 */
public final class ChannelSession implements Session, Acknowledger {
    /** The connection the channel was opened on, or null when the session wraps a channel it cannot replace. */
    private final Connection connection;
    /** Replaced by {@link #reopen()} after the broker closed it; messages settle on the channel they came from. */
    private volatile Channel channel;
    /** Settles the messages received on the current channel; replaced with it. */
    private volatile BoundAcks acks;
    private final boolean ownsChannel;
    private final MessageCodec codec;
    private final Accept accept;
    private final SessionConfig config;
    /** the session propagates trace context and OpenTelemetry's API is present */
    private final boolean traced;
    private final Set<Object> declared = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> lastReturn = new AtomicReference<>();
    private volatile boolean confirmMode;
    /** the nacks of this channel's confirmed publishes, with confirm mode (a new one for a reopened channel) */
    private volatile NackWatch nacks;
    private volatile LastProperties lastProperties;
    /** Held acknowledgements, or null when each ack is sent at once (the default). Set before consuming. */
    private volatile AckBatch ackBatch;
    /** who counts this session's publishes and settlements ({@link #observe}) */
    private volatile SessionEvents events = SessionEvents.NONE;

    /**
     * Wraps a channel the caller keeps owning: closing the session leaves it open, and it is never reopened.
     *
     * @param channel the channel
     * @param config codec, accept list, confirm and retry defaults
     * @return the session
     */
    public static ChannelSession wrap(Channel channel, SessionConfig config) {
        return new ChannelSession(null, channel, false, config);
    }

    private ChannelSession(Connection connection, Channel channel, boolean ownsChannel, SessionConfig config) {
        this.connection = connection;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.acks = new BoundAcks(channel);
        this.ownsChannel = ownsChannel;
        this.config = Objects.requireNonNull(config, "config");
        this.traced = config.tracing() && Tracing.available();
        this.codec = config.codec();
        this.accept = config.accept();
    }

    /**
     * Opens a channel on the connection and wraps it; closing the session closes the channel.
     *
     * @param connection an open client connection
     * @param config codec, accept list, confirm and retry defaults
     * @return the session
     * @throws BrokerException when the channel cannot be opened, or the connection's channel limit is reached
     */
    public static ChannelSession open(Connection connection, SessionConfig config) {
        Objects.requireNonNull(connection, "connection");
        return new ChannelSession(connection, createChannel(connection), true, config);
    }

    private static Channel createChannel(Connection connection) {
        Channel channel;
        try {
            channel = connection.createChannel();
        } catch (IOException | RuntimeException e) {
            throw Errors.translate("open a channel on " + connection, e);
        }
        if (channel == null) {
            throw new BrokerException("Cannot open a channel on " + connection + ": the connection's channel limit"
                    + " (channel_max) is reached. Fix: close unused sessions or raise channel_max.", 0, false, null);
        }
        return channel;
    }

    /**
     * Reports this session's publish outcomes and settlements to {@code events} from now on (also across
     * {@link #reopen()}).
     *
     * @param events the counter, e.g. the resource adapter's metrics of a connection factory or activation
     */
    public void observe(SessionEvents events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /** @return whether {@link #reopen()} can replace the channel (the session opened it on a connection) */
    public boolean canReopen() {
        return connection != null && ownsChannel;
    }

    /**
     * Replaces the channel with a new one on the same connection, in the default mode: no publisher confirms, no
     * held acknowledgements, no consumers, no return listeners, and no remembered declarations (the next use
     * declares again). Messages received on the old channel can no longer be settled (the broker requeued them
     * when it closed). For supervision after the broker closed the channel; the old one is aborted if still open.
     *
     * @throws IllegalStateException when the session wraps a channel it did not open ({@link #canReopen()})
     * @throws BrokerException when no channel can be opened
     */
    public synchronized void reopen() {
        if (!canReopen()) {
            throw new IllegalStateException("This session wraps channel " + channel.getChannelNumber() + " and cannot"
                    + " replace it. Fix: open the session on a connection (Warren.open(connection)).");
        }
        Channel old = channel;
        try {
            old.abort(); // unregisters it from the client's automatic recovery, too
        } catch (IOException | RuntimeException e) {
            java.util.logging.Logger.getLogger(ChannelSession.class.getName()).log(java.util.logging.Level.FINE,
                    "Aborting replaced channel " + old.getChannelNumber() + " failed: " + e, e);
        }
        Channel fresh = createChannel(connection);
        ackBatch = null;
        confirmMode = false;
        declared.clear();
        lastReturn.set(null);
        channel = fresh;
        acks = new BoundAcks(fresh);
    }

    /**
     * Opens a channel on a shared broker connection and wraps it; closing the session closes the channel.
     *
     * @param connection a connection from {@link BrokerConnections}
     * @param config codec, accept list, confirm and retry defaults
     * @return the session
     * @throws BrokerException when the channel cannot be opened, or the connection's channel limit is reached
     */
    public static ChannelSession open(BrokerConnection connection, SessionConfig config) {
        return open(Objects.requireNonNull(connection, "connection").client(), config);
    }

    /**
     * Holds acknowledgements back and sends them as one AMQP multiple-ack once {@code size} are held, or at
     * {@link #flushAcks()}, a reject or requeue, or {@link #close()}. A multiple-ack acknowledges every
     * outstanding delivery of the channel up to its tag, so this is only for a consumer that settles each
     * message before the next one is handed to the application, and that calls {@link #flushAcks()} whenever
     * it runs out of messages (otherwise held acks could stall it at the prefetch limit). The resource
     * adapter's delivery loop is such a consumer. Call before consuming.
     *
     * @param size acknowledgements per multiple-ack; 1 sends each at once
     * @throws IllegalArgumentException when size is below 1
     */
    public void batchAcks(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("ack batch size " + size + " must be at least 1");
        }
        flushAcks();
        ackBatch = size == 1 ? null : new AckBatch(size);
    }

    /**
     * Sends the held acknowledgements (see {@link #batchAcks}); nothing when none are held.
     *
     * @throws BrokerException when the channel is closed (the broker redelivers those messages)
     */
    public void flushAcks() {
        AckBatch batch = ackBatch;
        if (batch == null) {
            return;
        }
        synchronized (batch) {
            sendHeld(batch);
        }
    }

    /** Under the batch's lock, so that multiple-acks leave in tag order. */
    private void sendHeld(AckBatch batch) {
        long tag = batch.take();
        if (tag == 0) {
            return;
        }
        try {
            channel.basicAck(tag, true);
        } catch (IOException | RuntimeException e) {
            throw Errors.translate("acknowledge the held deliveries up to tag " + tag, e);
        }
    }

    /**
     * Puts the channel in AMQP transaction mode (tx.select).
     *
     * @param action what is being done, for the error message
     * @throws BrokerException when the broker refuses or the channel is closed
     */
    public void txSelect(String action) {
        call(action + " the AMQP transaction on " + this, channel::txSelect);
    }

    /**
     * Commits the channel's AMQP transaction (tx.commit).
     *
     * @param action what is being done, for the error message
     * @throws BrokerException when the broker refuses or the channel is closed
     */
    public void txCommit(String action) {
        call(action + " the AMQP transaction on " + this, channel::txCommit);
    }

    /**
     * Rolls the channel's AMQP transaction back (tx.rollback).
     *
     * @param action what is being done, for the error message
     * @throws BrokerException when the broker refuses or the channel is closed
     */
    public void txRollback(String action) {
        call(action + " the AMQP transaction on " + this, channel::txRollback);
    }

    /**
     * @param name a server property, e.g. {@code product} or {@code version}
     * @return the broker's value as text, or null when it sent none
     */
    public String serverProperty(String name) {
        Object v = channel.getConnection().getServerProperties().get(name);
        return v == null ? null : v.toString();
    }

    /** @return the connection's negotiated channel limit (0 = none) */
    public int channelMax() {
        return channel.getConnection().getChannelMax();
    }

    /** @return the underlying channel */
    public Channel channel() {
        return channel;
    }

    @Override
    public MessageCodec codec() {
        return codec;
    }

    @Override
    public Accept accept() {
        return accept;
    }

    @Override
    public Duration confirmTimeout() {
        return config.confirmTimeout();
    }

    @Override
    public RetryPolicy retryPolicy() {
        return config.retryPolicy();
    }

    @Override
    public boolean tracing() {
        return config.tracing();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * @return whether the channel is closed because the connection was lost and the client's automatic recovery
     *         will reopen it in place (publishing then fails with a connection-lost {@link BrokerException} that a
     *         retry policy retries)
     */
    public boolean isRecovering() {
        Channel ch = channel;
        if (ch.isOpen() || !(ch instanceof com.rabbitmq.client.Recoverable)) {
            return false;
        }
        com.rabbitmq.client.ShutdownSignalException reason = ch.getCloseReason();
        return reason != null && reason.isHardError() && !reason.isInitiatedByApplication()
                && !(ch.getConnection() != null && ch.getConnection().getCloseReason() != null
                && ch.getConnection().getCloseReason().isInitiatedByApplication());
    }

    /** Forgets what was declared, so the next use declares again (after the broker lost its state). */
    public void forgetDeclarations() {
        declared.clear();
    }

    @Override
    public void declare(Exchange e) {
        if (e.isDefault() || declared.contains(e)) {
            return;
        }
        call("declare " + e, () -> channel.exchangeDeclare(e.name(), e.type().wireName(), e.durable(),
                e.autoDelete(), e.internal(), e.arguments()));
        declared.add(e);
    }

    @Override
    public void declarePassive(Exchange e) {
        call("passively declare " + e, () -> channel.exchangeDeclarePassive(e.name()));
    }

    @Override
    public void delete(Exchange e) {
        declared.remove(e);
        call("delete " + e, () -> channel.exchangeDelete(e.name()));
    }

    @Override
    public Queue declare(Queue q) {
        if (!q.isServerNamed() && declared.contains(q)) {
            return q;
        }
        for (Binding b : q.bindings()) {
            declare(b.exchange());
        }
        AMQP.Queue.DeclareOk ok = call("declare " + q, () -> channel.queueDeclare(q.name(), q.durable(),
                q.exclusive(), q.autoDelete(), q.arguments()));
        Queue declaredQueue = q.isServerNamed() ? q.withName(ok.getQueue()) : q;
        for (Binding b : q.bindings()) {
            declareBinding(declaredQueue, b);
        }
        if (!q.isServerNamed()) {
            declared.add(q);
        }
        return declaredQueue;
    }

    @Override
    public QueueInfo declarePassive(Queue q) {
        AMQP.Queue.DeclareOk ok = call("passively declare " + q, () -> channel.queueDeclarePassive(q.name()));
        return new QueueInfo(ok.getQueue(), ok.getMessageCount(), ok.getConsumerCount());
    }

    @Override
    public long purge(Queue q) {
        return call("purge " + q, () -> channel.queuePurge(q.name())).getMessageCount();
    }

    @Override
    public void delete(Queue q) {
        declared.remove(q);
        call("delete " + q, () -> channel.queueDelete(q.name()));
    }

    @Override
    public void declareBinding(Queue q, Binding b) {
        call("bind " + q + " to " + b.exchange() + " with key '" + b.routingKey() + "'",
                () -> channel.queueBind(q.name(), b.exchange().name(), b.routingKey(), b.arguments()));
    }

    @Override
    public void deleteBinding(Queue q, Binding b) {
        declared.remove(q);
        call("unbind " + q + " from " + b.exchange() + " with key '" + b.routingKey() + "'",
                () -> channel.queueUnbind(q.name(), b.exchange().name(), b.routingKey(), b.arguments()));
    }

    /**
     * {@inheritDoc} With tracing on, OpenTelemetry's API present and a global SDK installed, a poll that returned a
     * message is recorded as a consumer span {@code receive <queue>} (see {@link ReceiveTrace}).
     */
    @Override
    public Optional<Message> get(Queue q, boolean noAck) {
        ReceiveTrace trace = traced ? ReceiveTrace.start(q.name()) : null;
        GetResponse r;
        try {
            r = call("get a message from " + q, () -> channel.basicGet(q.name(), noAck));
        } catch (RuntimeException e) {
            if (trace != null) {
                trace.failed(e);
            }
            throw e;
        }
        if (r == null) {
            return Optional.empty();
        }
        Envelope env = r.getEnvelope();
        DeliveryInfo info = new DeliveryInfo(env.getExchange(), env.getRoutingKey(), env.isRedeliver(),
                env.getDeliveryTag(), null, q.name());
        MessageProperties properties = AmqpProperties.fromBasic(r.getProps());
        if (trace != null) {
            trace.received(properties.headers(), info.exchange(), info.routingKey(), properties.messageId());
        }
        return Optional.of(Messages.received(r.getBody(), properties, info, acks,
                noAck ? Message.State.AUTO_ACKED : Message.State.RECEIVED, codec, accept));
    }

    /**
     * {@inheritDoc} With tracing on and OpenTelemetry's API present, the headers also carry the current W3C trace
     * context (see {@link PublishTrace}).
     */
    @Override
    public void basicPublish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                             byte[] body, Duration confirmTimeout) {
        if (!traced) {
            publish(exchange, routingKey, mandatory, properties, body, confirmTimeout);
            return;
        }
        PublishTrace trace = PublishTrace.start(exchange, routingKey, properties.headers(), properties.messageId());
        Throwable failure = null;
        try {
            publish(exchange, routingKey, mandatory, trace.headers() == properties.headers() ? properties
                    : withHeaders(properties, trace.headers()), body, confirmTimeout);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            trace.end(failure);
        }
    }

    private static MessageProperties withHeaders(MessageProperties p, java.util.Map<String, Object> headers) {
        return new MessageProperties(p.contentType(), p.contentEncoding(), headers, p.deliveryMode(), p.priority(),
                p.correlationId(), p.replyTo(), p.expiration(), p.messageId(), p.timestamp(), p.type(), p.userId(),
                p.appId(), p.clusterId());
    }

    private void publish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                         byte[] body, Duration confirmTimeout) {
        AMQP.BasicProperties props = toBasic(properties);
        if (confirmTimeout == null) {
            // hot path: the action text is only built when the client call fails
            try {
                channel.basicPublish(exchange, routingKey, mandatory, props, body);
            } catch (IOException | RuntimeException e) {
                events.publishFailed();
                throw Errors.translate(publishAction(exchange, routingKey), e);
            }
            events.published();
            return;
        }
        if (!confirmMode) { // the action text is built only for errors, as on the unconfirmed path
            enableConfirms(publishAction(exchange, routingKey));
        }
        lastReturn.set(null);
        boolean confirmed;
        SessionEvents counts = events;
        NackWatch watch = nacks;
        try {
            long sequenceNumber = channel.getNextPublishSeqNo();
            watch.expect(sequenceNumber);
            channel.basicPublish(exchange, routingKey, mandatory, props, body);
            counts.published();
            // the client may report a nack as a confirm (NackWatch): the watch has the last word
            confirmed = channel.waitForConfirms(Math.max(1, confirmTimeout.toMillis()))
                    && !watch.nacked(sequenceNumber);
        } catch (TimeoutException e) {
            counts.publishFailed();
            throw new PublishException(PublishException.Reason.TIMED_OUT, "Cannot "
                    + publishAction(exchange, routingKey) + " (message id " + properties.messageId()
                    + "): no publisher confirm within " + confirmTimeout + "; the broker may"
                    + " or may not have the message. Fix: check broker health (disk/memory alarms block publishers),"
                    + " raise the confirm timeout, or publish again (consumers must tolerate a duplicate).", e);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            counts.publishFailed();
            throw Errors.translate(publishAction(exchange, routingKey), e);
        }
        if (!confirmed) {
            counts.nacked();
            throw new PublishException(PublishException.Reason.NACKED, "Cannot "
                    + publishAction(exchange, routingKey) + " (message id " + properties.messageId()
                    + "): the broker nacked it (an internal error, or a queue with"
                    + " x-overflow=reject-publish is full). Fix: check the broker and the queue limits, then publish"
                    + " again.", null);
        }
        String returned = lastReturn.getAndSet(null);
        counts.confirmed(); // a returned message is confirmed too (after its return)
        if (mandatory && returned != null) {
            counts.returned();
            throw new PublishException(PublishException.Reason.UNROUTABLE, "Cannot "
                    + publishAction(exchange, routingKey) + " (message id " + properties.messageId()
                    + "): the broker returned it as unroutable (" + returned + "): no queue"
                    + " is bound for that routing key. Fix: declare and bind a queue for it, or publish without"
                    + " mandatory.", null);
        }
    }

    /**
     * The client's properties for {@code properties}, reusing the previous publish's when equal: a producer
     * usually sends the same properties every time, and building them (builder, properties object, the
     * client's defensive header-map copy) was the largest Warren-side allocation per publish.
     */
    private AMQP.BasicProperties toBasic(MessageProperties properties) {
        LastProperties last = lastProperties;
        if (last != null && last.warren().equals(properties)) {
            return last.amqp();
        }
        AMQP.BasicProperties amqp = AmqpProperties.toBasic(properties);
        lastProperties = new LastProperties(properties, amqp);
        return amqp;
    }

    private record LastProperties(MessageProperties warren, AMQP.BasicProperties amqp) {
    }

    private static String publishAction(String exchange, String routingKey) {
        return exchange.isEmpty() ? "publish to queue '" + routingKey + "' via the default exchange"
                : "publish to exchange '" + exchange + "' with routing key '" + routingKey + "'";
    }

    /** @return whether this channel is in publisher-confirm mode (it stays so once a publish asked for confirms) */
    public boolean confirmMode() {
        return confirmMode;
    }

    private void enableConfirms(String action) {
        if (confirmMode) {
            return;
        }
        call(action + " (enable publisher confirms)", () -> channel.confirmSelect());
        channel.addReturnListener(r -> lastReturn.set(r.getReplyCode() + " " + r.getReplyText()));
        NackWatch watch = new NackWatch();
        channel.addConfirmListener(watch);
        nacks = watch;
        confirmMode = true;
    }

    @Override
    public void basicQos(int prefetchCount) {
        call("set prefetch " + prefetchCount, () -> {
            channel.basicQos(prefetchCount);
            return null;
        });
    }

    @Override
    public String basicConsume(String queue, boolean noAck, Accept accept, DeliveryHandler handler) {
        return basicConsume(queue, noAck, java.util.Map.of(), accept, handler);
    }

    @Override
    public String basicConsume(String queue, boolean noAck, java.util.Map<String, Object> arguments, Accept accept,
                               DeliveryHandler handler) {
        java.util.Map<String, Object> args = java.util.Map.copyOf(arguments);
        Channel ch = channel;
        BoundAcks bound = acks;
        DefaultConsumer consumer = new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String consumerTag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                DeliveryInfo info = new DeliveryInfo(env.getExchange(), env.getRoutingKey(), env.isRedeliver(),
                        env.getDeliveryTag(), consumerTag, queue);
                handler.handle(Messages.received(body, AmqpProperties.fromBasic(props), info, bound,
                        noAck ? Message.State.AUTO_ACKED : Message.State.RECEIVED, codec, accept));
            }

            @Override
            public void handleCancel(String consumerTag) {
                handler.cancelled(consumerTag);
            }

            @Override
            public void handleCancelOk(String consumerTag) {
                handler.cancelOk(consumerTag);
            }
        };
        return call("consume from queue '" + queue + "'" + (args.isEmpty() ? "" : " with arguments " + args),
                () -> ch.basicConsume(queue, noAck, args, consumer));
    }

    @Override
    public void basicCancel(String consumerTag) {
        call("cancel consumer " + consumerTag, () -> {
            channel.basicCancel(consumerTag);
            return null;
        });
    }

    @Override
    public void recover(boolean requeue) {
        call("recover unacknowledged messages", () -> channel.basicRecover(requeue));
    }

    @Override
    public AutoCloseable onReturn(Consumer<ReturnedMessage> listener) {
        ReturnListener l = (replyCode, replyText, exchange, routingKey, props, body) -> {
            DeliveryInfo info = new DeliveryInfo(exchange, routingKey, false, 0, null, null);
            listener.accept(new ReturnedMessage(replyCode, replyText, exchange, routingKey,
                    Messages.received(body, AmqpProperties.fromBasic(props), info, null, Message.State.RETURNED, codec,
                            accept)));
        };
        channel.addReturnListener(l);
        return () -> channel.removeReturnListener(l);
    }

    @Override
    public void ack(long deliveryTag) {
        AckBatch batch = ackBatch;
        if (batch == null) {
            try {
                channel.basicAck(deliveryTag, false);
            } catch (IOException | RuntimeException e) {
                throw Errors.translate("ack delivery tag " + deliveryTag, e);
            }
            events.acked();
            return;
        }
        synchronized (batch) {
            if (batch.hold(deliveryTag)) {
                sendHeld(batch);
            }
        }
        events.acked();
    }

    /** Sends held acknowledgements first (see {@link #batchAcks}), so settlements reach the broker in order. */
    @Override
    public void reject(long deliveryTag, boolean requeue) {
        AckBatch batch = ackBatch;
        if (batch == null) {
            basicReject(deliveryTag, requeue);
            return;
        }
        synchronized (batch) {
            sendHeld(batch);
            basicReject(deliveryTag, requeue);
        }
    }

    private void basicReject(long deliveryTag, boolean requeue) {
        try {
            channel.basicReject(deliveryTag, requeue);
        } catch (IOException | RuntimeException e) {
            throw Errors.translate((requeue ? "requeue" : "reject") + " delivery tag " + deliveryTag, e);
        }
        if (requeue) {
            events.requeued();
        } else {
            events.rejected();
        }
    }

    @Override
    public void close() {
        if (!ownsChannel || !channel.isOpen()) {
            return;
        }
        try {
            flushAcks(); // held acks would otherwise be lost with the channel, and their messages redelivered
        } finally {
            closeChannel();
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException | TimeoutException | RuntimeException e) {
            if (channel.isOpen()) {
                throw Errors.translate("close channel " + channel.getChannelNumber(), e);
            }
        }
    }

    @Override
    public dev.warren.Supervision supervise(String name, dev.warren.Supervision.Setup setup) {
        return SupervisedChannel.withOwnScheduler(this, name, setup);
    }

    /**
     * Settles the messages of one channel: once the session moved to a new channel, settling fails clearly instead
     * of sending a stale delivery tag to the new channel (which the broker would answer with 406, closing it).
     */
    private final class BoundAcks implements Acknowledger {
        private final Channel of;

        BoundAcks(Channel of) {
            this.of = of;
        }

        private void requireCurrent(String what, long tag) {
            if (of != channel) {
                throw new BrokerException("Cannot " + what + " delivery tag " + tag + ": the channel it arrived on"
                        + " (" + of.getChannelNumber() + ") was closed and replaced; the broker has requeued the"
                        + " message and delivers it again. Fix: none needed; consumers must tolerate redelivery.",
                        0, true, null);
            }
        }

        @Override
        public void ack(long deliveryTag) {
            requireCurrent("acknowledge", deliveryTag);
            ChannelSession.this.ack(deliveryTag);
        }

        @Override
        public void reject(long deliveryTag, boolean requeue) {
            requireCurrent(requeue ? "requeue" : "reject", deliveryTag);
            ChannelSession.this.reject(deliveryTag, requeue);
        }
    }

    @Override
    public String toString() {
        return "ChannelSession(channel " + channel.getChannelNumber() + (channel.isOpen() ? ", open)" : ", closed)");
    }

    private interface ClientCall<T> {
        T run() throws IOException, TimeoutException;
    }

    private static <T> T call(String action, ClientCall<T> body) {
        try {
            return body.run();
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw e instanceof WarrenException ? (WarrenException) e : Errors.translate(action, e);
        }
    }
}
