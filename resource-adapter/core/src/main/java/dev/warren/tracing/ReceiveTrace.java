package dev.warren.tracing;

import java.util.Map;

/**
 * The trace of one poll of a queue (basic.get, kombu's {@code queue.get()}). With an OpenTelemetry SDK installed as
 * the global one, a poll that returned a message records a consumer span {@code receive <queue>}: a child of the
 * caller's current span (the poll is a step of the caller's work), with a link to the producer's context that the
 * message carries in {@code traceparent}, timed from {@link #start} to {@link #received}. A poll that failed records
 * the span with an error status; an empty poll records nothing (a polling loop makes no span per empty poll). Without
 * OpenTelemetry's API, or before a global SDK is installed, it does nothing.
 *
 * <p>It does not make the message's context current: the caller decides where the message is processed, and runs
 * that inside {@code Message.startTrace()} (a {@link DeliveryTrace}: the producer's trace, with a consumer span
 * {@code process <queue>}), as Warren does around a consumer callback.
 *
 * <pre>{@code
 * ReceiveTrace trace = ReceiveTrace.start(queue);
 * GetResponse r;
 * try {
 *     r = channel.basicGet(queue, false);
 * } catch (IOException e) {
 *     trace.failed(e);
 *     throw e;
 * }
 * if (r != null) {
 *     trace.received(headers, exchange, routingKey, messageId);
 * }
 * }</pre>
 *
 * <p>Threading: one poll on one thread ({@link #start} reads that thread's current context).
 */
public abstract class ReceiveTrace {
    /** Records nothing: no API, no global SDK. */
    static final ReceiveTrace NONE = new ReceiveTrace() {
        @Override
        public void received(Map<String, Object> headers, String exchange, String routingKey, String messageId) {
            // no span
        }

        @Override
        public void failed(Throwable failure) {
            // no span
        }
    };

    ReceiveTrace() {
    }

    /**
     * Starts timing one poll, in the calling thread's current context.
     *
     * @param queue the queue polled
     * @return the trace, to tell what the poll returned
     */
    public static ReceiveTrace start(String queue) {
        TracingBackend backend = Tracing.backend();
        return backend == null ? NONE : backend.startReceive(queue);
    }

    /**
     * Records the span of a poll that returned a message.
     *
     * @param headers the message's headers (values as Warren delivers them: strings, or UTF-8 bytes)
     * @param exchange the exchange it was published to ({@code ""} is the default exchange)
     * @param routingKey its routing key
     * @param messageId its message id, or null
     */
    public abstract void received(Map<String, Object> headers, String exchange, String routingKey, String messageId);

    /** @param failure what the poll threw: the span is recorded with an error status */
    public abstract void failed(Throwable failure);
}
