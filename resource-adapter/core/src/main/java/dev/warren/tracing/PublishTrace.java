package dev.warren.tracing;

import java.util.Map;

/**
 * The trace context of one publish: the headers to send (the caller's plus W3C {@code traceparent} and
 * {@code tracestate} of the current trace, or of the producer span Warren starts when an OpenTelemetry SDK is
 * installed as the global one) and that span, ended by {@link #end(Throwable)}. A message whose headers already hold
 * a {@code traceparent} (set by the caller, or a message forwarded as it came) keeps it: nothing is added and no
 * span is started. Without OpenTelemetry's API, or without a current trace and an SDK, the headers are the caller's
 * map unchanged.
 *
 * <pre>{@code
 * PublishTrace trace = PublishTrace.start(exchange, routingKey, properties.headers(), properties.messageId());
 * Throwable failure = null;
 * try {
 *     send(trace.headers());
 * } catch (RuntimeException e) {
 *     failure = e;
 *     throw e;
 * } finally {
 *     trace.end(failure);
 * }
 * }</pre>
 *
 * <p>Threading: one publish on one thread.
 */
public abstract class PublishTrace {
    private final Map<String, Object> headers;

    /** @param headers the headers to send */
    PublishTrace(Map<String, Object> headers) {
        this.headers = headers;
    }

    /**
     * Starts the trace of one publish.
     *
     * @param exchange the exchange ({@code ""} is the default exchange)
     * @param routingKey the routing key
     * @param headers the message's headers (not changed)
     * @param messageId the message id, or null
     * @return the trace: the headers to send, and the span to end
     */
    public static PublishTrace start(String exchange, String routingKey, Map<String, Object> headers,
                                     String messageId) {
        TracingBackend backend = Tracing.backend();
        if (backend == null || headers.containsKey(Tracing.TRACEPARENT)) {
            return new Untraced(headers);
        }
        return backend.startPublish(exchange, routingKey, headers, messageId);
    }

    /**
     * @return the headers to publish with: the caller's map itself when nothing was added, else a copy with
     *         {@code traceparent} (and {@code tracestate} when the trace has one)
     */
    public final Map<String, Object> headers() {
        return headers;
    }

    /**
     * Ends the producer span, if any: with an error status when the publish failed.
     *
     * @param failure what the publish threw, or null when it succeeded
     */
    public abstract void end(Throwable failure);

    /** No trace: the caller's headers as they are. */
    private static final class Untraced extends PublishTrace {
        Untraced(Map<String, Object> headers) {
            super(headers);
        }

        @Override
        public void end(Throwable failure) {
            // no span
        }
    }
}
