package dev.warren.tracing;

import java.util.Map;

/**
 * The trace context around one delivery: reads W3C {@code traceparent} and {@code tracestate} from the message's
 * headers and makes that context current on the calling thread until {@link #close()}, so the spans the consumer
 * (a callback, a message-driven bean) starts and the messages it publishes continue the producer's trace. With an
 * OpenTelemetry SDK installed as the global one, a consumer span (a child of the producer's span, or a new trace for
 * a message without trace context, such as one from kombu or Celery) is current instead, and ends on close with an
 * error status when {@link #failed(Throwable)} was called. Without OpenTelemetry's API it does nothing.
 *
 * <pre>{@code
 * try (DeliveryTrace trace = DeliveryTrace.start(message.headers(), exchange, routingKey, queue, messageId)) {
 *     Throwable failure = callTheBean(message);
 *     if (failure != null) {
 *         trace.failed(failure);
 *     }
 * }
 * }</pre>
 *
 * <p>Threading: start and close on the same thread (the context is the thread's).
 */
public abstract class DeliveryTrace implements AutoCloseable {
    private static final DeliveryTrace NONE = new DeliveryTrace() {
        @Override
        public void failed(Throwable failure) {
            // no span
        }

        @Override
        public void close() {
            // nothing was made current
        }
    };

    DeliveryTrace() {
    }

    /**
     * Makes the message's trace context current on this thread.
     *
     * @param headers the message's headers (values as Warren delivers them: strings, or UTF-8 bytes)
     * @param exchange the exchange it was published to ({@code ""} is the default exchange)
     * @param routingKey its routing key
     * @param queue the queue it came from, or null
     * @param messageId its message id, or null
     * @return the trace, to close on this thread after the consumer returned
     */
    public static DeliveryTrace start(Map<String, Object> headers, String exchange, String routingKey, String queue,
                                      String messageId) {
        TracingBackend backend = Tracing.backend();
        return backend == null ? NONE : backend.startDelivery(headers, exchange, routingKey, queue, messageId);
    }

    /**
     * Makes the trace context of a batch current on this thread, for one call of a batch consumer. The messages of a
     * batch may belong to different traces, so none of them becomes the batch's parent: with a global OpenTelemetry
     * SDK, a consumer span {@code process <queue>} starts a trace of its own with a link to each message's context
     * (OpenTelemetry's convention for batch processing) and {@code messaging.batch.message_count}; without one, the
     * messages' context is current only when all of them carry the same one, otherwise none is.
     *
     * @param headers each message's headers, in delivery order (values as Warren delivers them)
     * @param queue the queue they came from, or null
     * @return the trace, to close on this thread after the consumer returned
     */
    public static DeliveryTrace startBatch(java.util.List<Map<String, Object>> headers, String queue) {
        TracingBackend backend = Tracing.backend();
        return backend == null ? NONE : backend.startBatch(headers, queue);
    }

    /** @return a trace that does nothing (tracing switched off) */
    public static DeliveryTrace none() {
        return NONE;
    }

    /** @param failure what the consumer threw: the consumer span ends with an error status */
    public abstract void failed(Throwable failure);

    /** Restores the thread's previous context and ends the consumer span, if any. Never throws. */
    @Override
    public abstract void close();
}
