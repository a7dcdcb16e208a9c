package dev.warren;

import dev.warren.internal.Messages;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import dev.warren.tracing.DeliveryTrace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * A received message, as kombu's {@code Message}: the raw body, its properties, where it came from, its
 * decoded payload, and the operations that settle it.
 *
 * <p>{@link #payload()} decodes by content type (and the {@code compression} header) with the codec and the
 * accept list of the consumer that received it; {@link #payload(Class)} converts to a record or POJO with
 * Jackson. {@link #body()} is always the raw bytes as received.
 *
 * <p>A message is settled once: {@link #ack()}, {@link #reject()} or {@link #requeue()}. A second call,
 * or any of them on a message delivered in no-ack mode or returned as unroutable, throws
 * {@link MessageStateException} naming the delivery tag and the state.
 *
 * <p>Thread-safety: safe to read from any thread; settling is atomic (exactly one settle call wins).
 */
public final class Message {

    /** Where a message is in its life. */
    public enum State {
        /** received, not yet settled */
        RECEIVED,
        /** acknowledged */
        ACKED,
        /** rejected without requeue (dropped, or dead-lettered by the queue) */
        REJECTED,
        /** rejected with requeue: the broker will deliver it again */
        REQUEUED,
        /** delivered in no-ack mode: the broker considers it settled already */
        AUTO_ACKED,
        /** returned by the broker as unroutable; there is nothing to settle */
        RETURNED
    }

    private static final Object NOT_DECODED = new Object();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Message.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Messages.register(Message::new); // sessions create messages through dev.warren.internal.Messages
    }

    private final byte[] body;
    private final MessageProperties properties;
    private final DeliveryInfo delivery;
    private final Acknowledger acknowledger;
    private final MessageCodec codec;
    private final Accept accept;
    private volatile State state; // settled atomically through STATE (no AtomicReference per message)
    private volatile Object decoded = NOT_DECODED;

    /**
     * Creates a received message; sessions and the resource adapter call it through
     * {@link dev.warren.internal.Messages}. Applications receive messages and never create them.
     *
     * @param body the raw body
     * @param properties its properties
     * @param delivery where it came from
     * @param acknowledger settles it, or null when it cannot be settled
     * @param initial {@link State#RECEIVED}, {@link State#AUTO_ACKED} or {@link State#RETURNED}
     * @param codec decodes the payload
     * @param accept the serializers the receiver accepts
     */
    private Message(byte[] body, MessageProperties properties, DeliveryInfo delivery, Acknowledger acknowledger,
                    State initial, MessageCodec codec, Accept accept) {
        this.body = body;
        this.properties = properties;
        this.delivery = delivery;
        this.acknowledger = acknowledger;
        this.state = initial;
        this.codec = codec;
        this.accept = accept;
    }

    /** @return the raw body, as received (not decompressed); do not modify */
    public byte[] body() {
        return body;
    }

    /** @return the content type, or null */
    public String contentType() {
        return properties.contentType();
    }

    /** @return the content encoding, or null */
    public String contentEncoding() {
        return properties.contentEncoding();
    }

    /** @return the application headers */
    public Map<String, Object> headers() {
        return properties.headers();
    }

    /** @return all basic properties */
    public MessageProperties properties() {
        return properties;
    }

    /** @return exchange, routing key, redelivered flag, delivery tag, consumer tag, queue */
    public DeliveryInfo deliveryInfo() {
        return delivery;
    }

    /** @return the delivery tag */
    public long deliveryTag() {
        return delivery.deliveryTag();
    }

    /** @return whether the broker delivered this message before */
    public boolean redelivered() {
        return delivery.redelivered();
    }

    /**
     * Makes this message's trace context current on the calling thread until the returned trace is closed: what Warren
     * does by itself around a {@link Consumer} callback and a message-driven bean call, for a message the application
     * handles itself, such as one polled with {@link Queue#get()} or {@link Session#get(Queue)}. The spans the
     * application starts inside it and the messages it publishes continue the producer's trace (the W3C
     * {@code traceparent} and {@code tracestate} in {@link #headers()}). With an OpenTelemetry SDK installed as the
     * global one, a consumer span {@code process <queue>} (a child of the producer's span, or a new trace for a
     * message without trace context) is current instead and ends on close, with an error status after
     * {@link DeliveryTrace#failed(Throwable)}. Without OpenTelemetry's API it does nothing. It does not depend on the
     * session's tracing switch, which governs what Warren does without being asked.
     *
     * <pre>{@code
     * Optional<Message> polled = queue.get();
     * if (polled.isPresent()) {
     *     Message m = polled.get();
     *     try (DeliveryTrace trace = m.startTrace()) {
     *         handle(m.payload());
     *         m.ack();
     *     }
     * }
     * }</pre>
     *
     * <p>Threading: close the trace on the thread that started it (the context is the thread's).
     *
     * @return the trace, to close after the message was processed
     */
    public DeliveryTrace startTrace() {
        return DeliveryTrace.start(properties.headers(), delivery.exchange(), delivery.routingKey(), delivery.queue(),
                properties.messageId());
    }

    /** @return the current state */
    public State state() {
        return state;
    }

    /** @return true once acked, rejected or requeued (or when it never needed settling) */
    public boolean settled() {
        return state != State.RECEIVED;
    }

    /**
     * Decodes the body by its content type; the result is cached.
     *
     * @return maps, lists, strings, numbers, booleans, null or {@code byte[]}
     * @throws ContentDisallowedException when the content type's serializer is not accepted
     * @throws DecodeException when the body is malformed for its content type
     */
    public Object payload() {
        Object d = decoded;
        if (d == NOT_DECODED) {
            d = codec.decode(body, contentType(), contentEncoding(), compressionHeader(), accept, this::describe,
                    Object.class);
            decoded = d;
        }
        return d;
    }

    /**
     * Decodes the body into a type: a record, a POJO, {@code Map}, {@code String}, {@code byte[]} …
     *
     * @param type the target type
     * @param <T> the target type
     * @return the value
     * @throws ContentDisallowedException when the content type's serializer is not accepted
     * @throws DecodeException when the body cannot be decoded into {@code type}
     */
    public <T> T payload(Class<T> type) {
        return codec.decode(body, contentType(), contentEncoding(), compressionHeader(), accept, this::describe, type);
    }

    private String compressionHeader() {
        Object c = properties.headers().get("compression");
        return c == null ? null : c.toString();
    }

    /**
     * Acknowledges the message.
     *
     * @throws MessageStateException when already settled, delivered in no-ack mode, or returned
     * @throws BrokerException when the channel is closed (the broker will redeliver it)
     */
    public void ack() {
        settle(State.ACKED, "ack");
        acknowledger.ack(delivery.deliveryTag());
    }

    /**
     * Rejects the message without requeue: the broker drops it, or dead-letters it when the queue has a
     * dead-letter exchange.
     *
     * @throws MessageStateException when already settled, delivered in no-ack mode, or returned
     */
    public void reject() {
        settle(State.REJECTED, "reject");
        acknowledger.reject(delivery.deliveryTag(), false);
    }

    /**
     * Rejects the message with requeue: the broker delivers it again, flagged redelivered.
     *
     * @throws MessageStateException when already settled, delivered in no-ack mode, or returned
     */
    public void requeue() {
        settle(State.REQUEUED, "requeue");
        acknowledger.reject(delivery.deliveryTag(), true);
    }

    private void settle(State target, String operation) {
        State current = state;
        if (current == State.AUTO_ACKED) {
            throw new MessageStateException("Cannot " + operation + " " + describe()
                    + ": it was delivered in no-ack mode, so the broker already considers it acknowledged."
                    + " Fix: consume without no-ack to settle messages yourself.");
        }
        if (current == State.RETURNED || acknowledger == null) {
            throw new MessageStateException("Cannot " + operation + " " + describe()
                    + ": it was returned by the broker as unroutable and was never delivered to a queue.");
        }
        if (!STATE.compareAndSet(this, State.RECEIVED, target)) {
            throw new MessageStateException("Cannot " + operation + " " + describe() + ": message already settled"
                    + " with state: " + state + ". Fix: settle each message exactly once.");
        }
    }

    /** @return a short description for logs and errors: message id, delivery tag, queue, routing */
    public String describe() {
        StringBuilder sb = new StringBuilder("message");
        if (properties.messageId() != null) {
            sb.append(" id=").append(properties.messageId());
        }
        sb.append(" (delivery tag ").append(delivery.deliveryTag());
        if (delivery.queue() != null) {
            sb.append(", queue '").append(delivery.queue()).append('\'');
        }
        sb.append(", exchange '").append(delivery.exchange()).append("', routing key '")
                .append(delivery.routingKey()).append("')");
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe() + " " + state + " " + properties.contentType() + " " + body.length + " bytes";
    }
}
