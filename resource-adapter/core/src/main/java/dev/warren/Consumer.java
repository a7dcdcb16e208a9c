package dev.warren;

import dev.warren.serialization.Accept;
import dev.warren.tracing.DeliveryTrace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes one or many queues, as kombu's {@code Consumer}: callbacks receive the decoded body and the
 * {@link Message}; a raw-message hook ({@link #onMessage}) replaces decoding.
 *
 * <p>Configuration is in place, before the first {@link #consume()}, as on {@link Producer}: {@link #accept},
 * {@link #prefetch}, {@link #noAck}, {@link #autoDeclare}, {@link #consumerArguments} and {@link #supervised} change
 * this consumer and return it, so a setting cannot be lost by ignoring a return value and a subclass stays itself.
 * The first {@code consume()} fixes them: changing one afterwards (even after {@link #cancel()}) throws an
 * {@link IllegalStateException} naming the setting. Callbacks and handlers ({@link #callback}, {@link #onMessage},
 * {@link #onError}, {@link #onDecodeError}) may be registered at any time.
 *
 * <pre>{@code
 * try (Consumer consumer = session.consumer(videoQueue, imageQueue)
 *         .accept(Accept.of("json", "yaml"))
 *         .prefetch(10)
 *         .callback((body, message) -> { process(body); message.ack(); })
 *         .consume()) {
 *     ...
 * }
 * }</pre>
 * Subclass it and override {@link #receive(Object, Message)} for kombu's {@code FeedConsumer} style.
 *
 * <p>Failures never stop the consumer: a body that cannot be decoded goes to the decode-error handler,
 * a callback that throws goes to the error handler. Both default to logging the message's identity and
 * the cause and then rejecting it without requeue — the queue's dead-letter exchange receives it when one
 * is configured (configure one to keep such messages).
 *
 * <p>Self-healing (on by default, {@link #supervised(boolean)}): after the broker closes the channel (a 404 or 406
 * channel error, an operator closing it) or cancels a consumer (its queue was deleted), the consumer reopens the
 * channel of a session opened on a connection, declares its queues again (when auto-declare is on) and consumes
 * again, with capped backoff (1 s doubling to 30 s) on a daemon thread of its own; one WARNING per outage, one INFO on
 * recovery (see {@link Supervision}). Messages received before an outage and not yet settled are redelivered by the
 * broker; settling them afterwards fails with a {@link BrokerException}. A lost connection is repaired by the
 * client's automatic recovery.
 *
 * <p>Trace context: when OpenTelemetry's API is on the class path and the session's tracing is on (the default), each
 * callback runs inside the trace of the message's W3C {@code traceparent} header, with a consumer span once an
 * OpenTelemetry SDK is installed as the global one (see {@link dev.warren.tracing.DeliveryTrace}).
 *
 * <p>Threading: configure and call {@link #consume()}/{@link #cancel()} from one thread (settings are not safe to
 * change from one thread while another consumes); callbacks run
 * on the RabbitMQ client's dispatch thread for the session's channel, one message at a time, and may
 * settle the message there. Registering callbacks while consuming is safe.
 */
public class Consumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Consumer.class.getName());

    /** kombu's callback signature: {@code callback(body, message)}. */
    @FunctionalInterface
    public interface Callback {
        /**
         * @param body the decoded payload
         * @param message the message, to settle
         * @throws Exception anything; handed to the consumer's error handler
         */
        void receive(Object body, Message message) throws Exception;
    }

    /** A raw-message hook (kombu's {@code on_message}): no automatic decoding. */
    @FunctionalInterface
    public interface MessageHandler {
        /**
         * @param message the message, to decode and settle
         * @throws Exception anything; handed to the consumer's error handler
         */
        void onMessage(Message message) throws Exception;
    }

    /** Handles a message whose processing or decoding failed. */
    @FunctionalInterface
    public interface ErrorHandler {
        /**
         * @param message the message (possibly already settled by the callback)
         * @param error what failed
         */
        void onError(Message message, Exception error);
    }

    private final Session session;
    private final List<Queue> queues;
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private final Map<String, String> tagsByQueue = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile MessageHandler onMessage;
    private volatile ErrorHandler onDecodeError = Consumer::rejectAndLog;
    private volatile ErrorHandler onError = Consumer::rejectAndLog;
    private Accept accept;
    private int prefetch;
    private boolean noAck;
    private boolean autoDeclare = true;
    private Map<String, Object> consumerArguments = Map.of();
    private Integer priority;
    /** the consume arguments of the current consume() */
    private volatile Map<String, Object> effective = Map.of();
    private StreamOffset streamOffset;
    private boolean supervised = true;
    /** the queues' current names by position (server-named queues get a new name when declared again) */
    private final String[] names;
    private final java.util.Set<String> cancelledByApplication = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Supervision supervision;
    /** set by the first {@link #consume()}; from then on the settings are fixed */
    private volatile boolean started;
    /** the session propagates trace context (read once: a session's settings do not change) */
    private final boolean tracing;

    /**
     * @param session the session whose channel consumes
     * @param queues the queues to consume from
     */
    public Consumer(Session session, Queue... queues) {
        this(session, Arrays.asList(queues));
    }

    /**
     * @param session the session whose channel consumes
     * @param queues the queues to consume from
     */
    public Consumer(Session session, List<Queue> queues) {
        this.session = Objects.requireNonNull(session, "session");
        this.queues = new ArrayList<>(queues);
        this.accept = session.accept();
        this.tracing = session.tracing();
        this.names = new String[this.queues.size()];
        if (this.queues.isEmpty()) {
            throw new WarrenException("A consumer needs at least one queue. Fix: pass the queues to consume from.");
        }
    }

    /** @param callback called with (decoded body, message) for each message @return this consumer */
    public Consumer callback(Callback callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
        return this;
    }

    /** @param handler raw-message hook; when set, callbacks are not called and nothing is decoded @return this consumer */
    public Consumer onMessage(MessageHandler handler) {
        this.onMessage = handler;
        return this;
    }

    /** @param handler receives messages whose body could not be decoded (default: log, reject) @return this consumer */
    public Consumer onDecodeError(ErrorHandler handler) {
        this.onDecodeError = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** @param handler receives messages whose callback threw (default: log, reject) @return this consumer */
    public Consumer onError(ErrorHandler handler) {
        this.onError = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** @param accept serializers this consumer decodes (default: the session's) @return this consumer */
    public Consumer accept(Accept accept) {
        requireConfigurable("accept");
        this.accept = Objects.requireNonNull(accept, "accept");
        return this;
    }

    /** @param count unacknowledged messages the broker sends ahead (basic.qos); 0 = unlimited @return this consumer */
    public Consumer prefetch(int count) {
        requireConfigurable("prefetch");
        if (count < 0 || count > 65535) {
            throw new WarrenException("Prefetch " + count + " is out of range. Fix: use 0 (unlimited) to 65535.");
        }
        this.prefetch = count;
        return this;
    }

    /** @param noAck let the broker auto-acknowledge on delivery @return this consumer */
    public Consumer noAck(boolean noAck) {
        requireConfigurable("noAck");
        this.noAck = noAck;
        return this;
    }

    /** @param autoDeclare declare the queues (and their exchanges and bindings) on consume (default true) @return this consumer */
    public Consumer autoDeclare(boolean autoDeclare) {
        requireConfigurable("autoDeclare");
        this.autoDeclare = autoDeclare;
        return this;
    }

    /**
     * Consume arguments sent with every basic.consume of this consumer, e.g. {@code x-stream-offset} for a stream
     * queue ({@code "first"}, {@code "last"}, {@code "next"}, a {@code Long} offset or a {@link java.util.Date})
     * or {@code x-priority} (an {@code Integer}). A stream queue also needs a prefetch and manual acks.
     *
     * @param arguments the arguments (AMQP field-table values); empty = none (the default)
     * @return this consumer
     */
    public Consumer consumerArguments(Map<String, Object> arguments) {
        requireConfigurable("consumerArguments");
        this.consumerArguments = Map.copyOf(arguments);
        return this;
    }

    /**
     * Consumer priority (the {@code x-priority} consume argument): while a higher-priority consumer of the same
     * queue has spare prefetch capacity, consumers of lower priority receive nothing; consumers of equal priority
     * share round-robin. Without it a consumer has priority 0.
     *
     * @param priority any int; higher is served first (negative values rank below the default 0)
     * @return this consumer
     * @throws IllegalStateException after the first {@link #consume()}
     */
    public Consumer priority(int priority) {
        requireConfigurable("priority");
        this.priority = priority;
        return this;
    }

    /**
     * Where to start reading a stream queue (the {@code x-stream-offset} consume argument). A stream consumer
     * needs a prefetch above 0 and manual acknowledgements: {@link #consume()} refuses {@code noAck(true)} or
     * prefetch 0 when an offset is set or a queue is declared as a stream, and refuses an offset for a queue
     * declared with another {@code x-queue-type}.
     *
     * @param offset e.g. {@link StreamOffset#FIRST}, {@link StreamOffset#offset(long)}; null removes it
     * @return this consumer
     * @throws IllegalStateException after the first {@link #consume()}
     */
    public Consumer streamOffset(StreamOffset offset) {
        requireConfigurable("streamOffset");
        this.streamOffset = offset;
        return this;
    }

    /**
     * @return the consume arguments sent: {@link #consumerArguments(Map)} with {@code x-priority} and
     *         {@code x-stream-offset} of {@link #priority(int)} and {@link #streamOffset(StreamOffset)}
     * @throws WarrenException when a typed setting and consumerArguments give the same argument different values
     */
    private Map<String, Object> effectiveArguments() {
        Map<String, Object> args = new java.util.LinkedHashMap<>(consumerArguments);
        typed(args, "x-priority", "priority", priority);
        typed(args, "x-stream-offset", "streamOffset", streamOffset == null ? null : streamOffset.argumentValue());
        return Map.copyOf(args);
    }

    private static void typed(Map<String, Object> args, String key, String setting, Object value) {
        if (value == null) {
            return;
        }
        Object other = args.put(key, value);
        if (other != null && !other.equals(value)) {
            throw new WarrenException("Consumer " + setting + " gives " + key + "=" + value + " but consumerArguments"
                    + " has " + key + "=" + other + ". Fix: set it in one place only.");
        }
    }

    /**
     * @throws WarrenException when the queues and settings do not make a valid stream consumer
     */
    private void checkStreams() {
        boolean stream = streamOffset != null || consumerArguments.containsKey("x-stream-offset");
        for (Queue q : queues) {
            Object type = q.arguments().get("x-queue-type");
            if ("stream".equals(type)) {
                stream = true;
            } else if (type != null && streamOffset != null) {
                throw new WarrenException("Consumer streamOffset=" + streamOffset + " for queue '" + q.name()
                        + "', declared with x-queue-type=" + type + ": only a stream queue has offsets. Fix: declare"
                        + " the queue with queueType(QueueType.STREAM), or remove streamOffset.");
            }
        }
        if (stream && noAck) {
            throw new WarrenException("Consumer of stream queue(s) " + queues.stream().map(Queue::name).toList() + " with noAck=true: a stream"
                    + " needs manual acknowledgements. Fix: remove noAck(true) and ack each message.");
        }
        if (stream && prefetch == 0) {
            throw new WarrenException("Consumer of stream queue(s) " + queues.stream().map(Queue::name).toList() + " with prefetch 0 (unlimited):"
                    + " a stream needs a prefetch (basic.qos). Fix: set prefetch(n) with n from 1 to 65535, e.g. 100.");
        }
    }

    /**
     * @param supervised reopen the channel and consume again after the broker closes the channel or cancels a
     *        consumer (default true; see the class comment)
     * @return this consumer
     */
    public Consumer supervised(boolean supervised) {
        requireConfigurable("supervised");
        this.supervised = supervised;
        return this;
    }

    private void requireConfigurable(String setting) {
        if (started) {
            throw new IllegalStateException("Cannot change " + setting + " of " + this
                    + ": it has consumed already, and the first consume() fixes a consumer's settings. Fix: set "
                    + setting + " before consume(), or create another consumer for the other setting.");
        }
    }

    /**
     * Declares the queues (when auto-declare is on), sets the prefetch and starts consuming every queue.
     * Calling it again while consuming does nothing.
     *
     * @return this consumer
     * @throws BrokerException when a declaration or basic.consume fails
     */
    public Consumer consume() {
        if (!tagsByQueue.isEmpty()) {
            return this;
        }
        checkStreams();
        Map<String, Object> arguments = effectiveArguments();
        started = true;
        cancelledByApplication.clear();
        effective = arguments;
        subscribe(true);
        if (supervised && supervision == null) {
            supervision = session.supervise(toString(), this::subscribe);
        }
        return this;
    }

    /**
     * Declares (when auto-declare is on) and consumes every queue not consumed right now; run by {@link #consume()}
     * and again by the supervision after an outage.
     */
    private synchronized void subscribe(boolean newChannel) {
        if (newChannel) {
            tagsByQueue.clear();
        }
        if (newChannel) {
            session.basicQos(prefetch); // a channel setting: once per channel, before its first consumer
        }
        for (int i = 0; i < queues.size(); i++) {
            Queue q = queues.get(i);
            String current = names[i];
            if (current != null && (tagsByQueue.containsKey(current) || cancelledByApplication.contains(current))) {
                continue;
            }
            String name = autoDeclare ? session.declare(q).name() : q.name();
            names[i] = name;
            tagsByQueue.put(name, effective.isEmpty()
                    ? session.basicConsume(name, noAck, accept, new Dispatch(name))
                    : session.basicConsume(name, noAck, effective, accept, new Dispatch(name)));
        }
    }

    /**
     * Cancels every broker consumer and stops the supervision; unacknowledged messages go back to their queues when
     * the channel closes.
     */
    public void cancel() {
        Supervision s = supervision;
        supervision = null;
        if (s != null) {
            s.close();
        }
        for (String queue : new ArrayList<>(tagsByQueue.keySet())) {
            cancelByQueue(queue);
        }
    }

    /** @param queue stop consuming this queue only */
    public void cancelByQueue(String queue) {
        cancelledByApplication.add(queue);
        String tag = tagsByQueue.remove(queue);
        if (tag != null && session.isOpen()) {
            session.basicCancel(tag);
        }
    }

    /** @param requeue redeliver the unacknowledged messages of this channel (basic.recover) */
    public void recover(boolean requeue) {
        session.recover(requeue);
    }

    /** @return whether any queue is being consumed */
    public boolean consuming() {
        return !tagsByQueue.isEmpty();
    }

    /** @return the consumed queue names (generated names included) */
    public List<String> queueNames() {
        synchronized (tagsByQueue) {
            return tagsByQueue.isEmpty() ? queues.stream().map(Queue::name).toList()
                    : List.copyOf(tagsByQueue.keySet());
        }
    }

    /** @return the broker consumer tags, by queue name */
    public Map<String, String> consumerTags() {
        synchronized (tagsByQueue) {
            return Map.copyOf(tagsByQueue);
        }
    }

    /** @return the accept list */
    public Accept accept() {
        return accept;
    }

    /**
     * Handles a decoded message. The default calls every registered callback in order; subclasses
     * override it (kombu's {@code receive(body, message)}).
     *
     * @param body the decoded payload
     * @param message the message
     * @throws Exception anything; handed to the error handler
     */
    protected void receive(Object body, Message message) throws Exception {
        if (callbacks.isEmpty()) {
            throw new WarrenException("No callbacks registered on the consumer of " + queueNames()
                    + ". Fix: register one with callback(...) or override receive(body, message).");
        }
        for (Callback c : callbacks) {
            c.receive(body, message);
        }
    }

    /**
     * Runs the hook or the callbacks inside the message's trace context ({@link DeliveryTrace}: the producer's trace,
     * with a consumer span when an OpenTelemetry SDK is installed), unless the session's tracing is off.
     */
    private void deliver(Message message) {
        if (!tracing) {
            process(message);
            return;
        }
        try (DeliveryTrace trace = message.startTrace()) {
            Exception failure = process(message);
            if (failure != null) {
                trace.failed(failure);
            }
        }
    }

    /** @return what the hook, the decoding or a callback threw (already handed to its error handler), or null */
    private Exception process(Message message) {
        try {
            MessageHandler raw = onMessage;
            if (raw != null) {
                raw.onMessage(message);
                return null;
            }
            Object body;
            try {
                body = message.payload();
            } catch (DecodeException e) {
                onDecodeError.onError(message, e);
                return e;
            }
            receive(body, message);
            return null;
        } catch (Exception e) {
            handleError(message, e);
            return e;
        }
    }

    private void handleError(Message message, Exception e) {
        try {
            onError.onError(message, e);
        } catch (RuntimeException handlerFailure) {
            handlerFailure.addSuppressed(e);
            LOG.log(Level.SEVERE, "Error handler failed for " + message.describe() + "; the message stays"
                    + " unacknowledged until the channel closes", handlerFailure);
        }
    }

    private static void rejectAndLog(Message message, Exception error) {
        boolean reject = message.state() == Message.State.RECEIVED;
        LOG.log(Level.WARNING, (reject ? "Rejecting " : "Failed processing ") + message.describe() + ": "
                + error + (reject ? " (dead-lettered if the queue has a dead-letter exchange)" : ""),
                error);
        if (reject) {
            message.reject();
        }
    }

    @Override
    public void close() {
        cancel();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + queueNames();
    }

    private final class Dispatch implements DeliveryHandler {
        private final String queue;

        Dispatch(String queue) {
            this.queue = queue;
        }

        @Override
        public void handle(Message message) {
            deliver(message);
        }

        @Override
        public void cancelled(String consumerTag) {
            tagsByQueue.remove(queue, consumerTag);
            Supervision s = supervision;
            if (s != null) {
                s.consumerCancelled(consumerTag); // logs the outage and consumes again
            } else {
                LOG.warning("The broker cancelled consumer " + consumerTag + " of queue '" + queue
                        + "' (queue deleted?) and this consumer is not supervised. Fix: declare the queue again and"
                        + " call consume(), or leave supervised(true).");
            }
        }
    }
}
