package dev.warren.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The only class of Warren that uses OpenTelemetry's API; {@link Tracing} loads it by reflection, and only when the
 * API is on the class path. The headers are written and read by the API's {@link W3CTraceContextPropagator} (always
 * W3C, whatever propagators the application configured: the headers are part of Warren's wire format). Spans come
 * from the global OpenTelemetry's tracer ({@link GlobalOpenTelemetry}), attributes after OpenTelemetry's messaging
 * semantic conventions; until an application installs a global OpenTelemetry, none are started and only the current
 * context is propagated (asking the API for the global before that would freeze it to the no-op one). Works with API
 * 1.29 (what Payara 6 bundles) and later. Thread-safe.
 */
final class OpenTelemetryBackend implements TracingBackend {
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String SCOPE_NAME = "dev.warren";
    private static final String DEFAULT_EXCHANGE = "amq.default";
    /** {@code GlobalOpenTelemetry.isSet()} exists (API 1.4x and later); on older APIs the global is asked directly */
    private static final boolean HAS_IS_SET = hasIsSet();

    private static final TextMapGetter<Map<String, Object>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, Object> carrier, String key) {
            Object v = carrier == null ? null : carrier.get(key);
            return v == null ? null : v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8)
                    : v.toString();
        }
    };

    /** the application installed a global OpenTelemetry (latched: the API never unsets it outside tests) */
    private volatile boolean globalSet;
    private volatile TracerOf cached;

    /** @param tracer the global's tracer, or null when it is the API's no-op one (it would start nothing) */
    private record TracerOf(OpenTelemetry openTelemetry, Tracer tracer) {
    }

    /** the class of the API's no-op tracer (what a global OpenTelemetry without an SDK hands out) */
    private static final Class<?> NOOP_TRACER = OpenTelemetry.noop().getTracer(SCOPE_NAME).getClass();

    private static boolean hasIsSet() {
        try {
            GlobalOpenTelemetry.class.getMethod("isSet");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * @return the global tracer, or null while no global OpenTelemetry is installed or the installed one has no SDK
     *         (its tracer is the API's no-op one: an application server may install such a global): then no spans are
     *         started and only the context is propagated, which is all the no-op tracer's spans would do
     */
    private Tracer tracer() {
        if (!globalSet) {
            if (HAS_IS_SET && !GlobalOpenTelemetry.isSet()) {
                return null;
            }
            globalSet = true;
        }
        OpenTelemetry current = GlobalOpenTelemetry.get();
        TracerOf t = cached;
        if (t == null || t.openTelemetry() != current) {
            Tracer tracer = current.getTracer(SCOPE_NAME);
            t = new TracerOf(current, tracer.getClass() == NOOP_TRACER ? null : tracer);
            cached = t;
        }
        return t.tracer();
    }

    @Override
    public PublishTrace startPublish(String exchange, String routingKey, Map<String, Object> headers,
                                     String messageId) {
        Context context = Context.current();
        Span span = null;
        Tracer tracer = tracer();
        if (tracer != null) {
            String destination = exchange.isEmpty() ? DEFAULT_EXCHANGE : exchange;
            span = attributes(tracer.spanBuilder("publish " + destination), destination, routingKey, messageId)
                    .setSpanKind(SpanKind.PRODUCER).setParent(context)
                    .setAttribute("messaging.operation.name", "publish")
                    .setAttribute("messaging.operation.type", "send")
                    .startSpan();
            context = context.with(span);
        }
        Carrier carrier = new Carrier(headers);
        W3C.inject(context, carrier, Carrier::put);
        return new Published(carrier.result(), span);
    }

    @Override
    public DeliveryTrace startDelivery(Map<String, Object> headers, String exchange, String routingKey, String queue,
                                       String messageId) {
        Context context = W3C.extract(Context.root(), headers, HEADERS); // root: nothing stale of this thread leaks in
        Span span = null;
        Tracer tracer = tracer();
        if (tracer == null && nothingToMakeCurrent(context)) {
            return DeliveryTrace.none();
        }
        if (tracer != null) {
            String destination = exchange == null || exchange.isEmpty() ? DEFAULT_EXCHANGE : exchange;
            SpanBuilder b = attributes(tracer.spanBuilder("process " + (queue != null ? queue : destination)),
                    destination, routingKey, messageId)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.operation.name", "process")
                    .setAttribute("messaging.operation.type", "process");
            if (queue != null) {
                b.setAttribute("messaging.destination.subscription.name", queue);
            }
            if (Span.fromContext(context).getSpanContext().isValid()) {
                b.setParent(context);
            } else {
                b.setNoParent(); // kombu, Celery, or a producer without tracing: a trace of its own
            }
            span = b.startSpan();
            context = context.with(span);
        }
        return new Delivered(context.makeCurrent(), span);
    }

    @Override
    public DeliveryTrace startBatch(java.util.List<Map<String, Object>> headers, String queue) {
        java.util.List<SpanContext> contexts = new java.util.ArrayList<>(headers.size());
        for (Map<String, Object> h : headers) {
            SpanContext c = Span.fromContext(W3C.extract(Context.root(), h, HEADERS)).getSpanContext();
            if (c.isValid()) {
                contexts.add(c);
            }
        }
        Context context = Context.root(); // several traces: none is the batch's parent
        Span span = null;
        Tracer tracer = tracer();
        if (tracer == null && contexts.isEmpty() && nothingToMakeCurrent(context)) {
            return DeliveryTrace.none();
        }
        if (tracer != null) {
            SpanBuilder b = tracer.spanBuilder("process " + (queue != null ? queue : DEFAULT_EXCHANGE))
                    .setSpanKind(SpanKind.CONSUMER)
                    .setNoParent()
                    .setAttribute("messaging.system", "rabbitmq")
                    .setAttribute("messaging.operation.name", "process")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.batch.message_count", (long) headers.size());
            if (queue != null) {
                b.setAttribute("messaging.destination.subscription.name", queue);
            }
            for (SpanContext c : contexts) {
                b.addLink(c);
            }
            span = b.startSpan();
            context = context.with(span);
        } else if (!contexts.isEmpty() && contexts.size() == headers.size()
                && contexts.stream().allMatch(contexts.get(0)::equals)) {
            context = context.with(Span.wrap(contexts.get(0))); // one trace: the batch continues it
        }
        return new Delivered(context.makeCurrent(), span);
    }

    /**
     * No span is started and the message brings no trace context: making the root context current would change
     * nothing when it is current already (the usual case: nothing on a delivery thread sets one), and would cost a
     * thread-local write and a scope per message.
     *
     * @param extracted what the message's headers hold ({@link Context#root()} itself when no trace context)
     */
    private static boolean nothingToMakeCurrent(Context extracted) {
        return extracted == Context.root() && Context.current() == Context.root();
    }

    @Override
    public ReceiveTrace startReceive(String queue) {
        Tracer tracer = tracer();
        return tracer == null ? ReceiveTrace.NONE : new Receiving(tracer, Context.current(), queue, Instant.now());
    }

    private static SpanBuilder attributes(SpanBuilder b, String destination, String routingKey, String messageId) {
        b.setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.destination.name", destination)
                .setAttribute("messaging.rabbitmq.destination.routing_key", routingKey == null ? "" : routingKey);
        if (messageId != null) {
            b.setAttribute("messaging.message.id", messageId);
        }
        return b;
    }

    private static void fail(Span span, Throwable failure) {
        span.recordException(failure);
        String message = failure.getMessage();
        span.setStatus(StatusCode.ERROR, message != null ? message : failure.getClass().getName());
    }

    /** The headers to send: copied on the first header the propagator writes, else the caller's map itself. */
    private static final class Carrier {
        private final Map<String, Object> original;
        private Map<String, Object> copy;

        Carrier(Map<String, Object> original) {
            this.original = original;
        }

        void put(String key, String value) {
            if (copy == null) {
                copy = new LinkedHashMap<>(original);
            }
            copy.put(key, value);
        }

        Map<String, Object> result() {
            return copy != null ? copy : original;
        }
    }

    private static final class Published extends PublishTrace {
        private final Span span;

        Published(Map<String, Object> headers, Span span) {
            super(headers);
            this.span = span;
        }

        @Override
        public void end(Throwable failure) {
            if (span == null) {
                return;
            }
            if (failure != null) {
                fail(span, failure);
            }
            span.end();
        }
    }

    /** One poll: the span is built when the poll is over, so an empty poll starts none. */
    private static final class Receiving extends ReceiveTrace {
        private final Tracer tracer;
        private final Context parent;
        private final String queue;
        private final Instant start;

        Receiving(Tracer tracer, Context parent, String queue, Instant start) {
            this.tracer = tracer;
            this.parent = parent;
            this.queue = queue;
            this.start = start;
        }

        @Override
        public void received(Map<String, Object> headers, String exchange, String routingKey, String messageId) {
            String destination = exchange == null || exchange.isEmpty() ? DEFAULT_EXCHANGE : exchange;
            SpanBuilder b = attributes(span(), destination, routingKey, messageId);
            SpanContext producer = Span.fromContext(W3C.extract(Context.root(), headers, HEADERS)).getSpanContext();
            if (producer.isValid()) {
                b.addLink(producer);
            }
            b.startSpan().end(Instant.now());
        }

        @Override
        public void failed(Throwable failure) {
            Span span = span().setAttribute("messaging.system", "rabbitmq").startSpan();
            fail(span, failure);
            span.end(Instant.now());
        }

        private SpanBuilder span() {
            return tracer.spanBuilder("receive " + queue).setSpanKind(SpanKind.CONSUMER).setParent(parent)
                    .setStartTimestamp(start)
                    .setAttribute("messaging.operation.name", "receive")
                    .setAttribute("messaging.operation.type", "receive")
                    .setAttribute("messaging.destination.subscription.name", queue);
        }
    }

    private static final class Delivered extends DeliveryTrace {
        private final Scope scope;
        private final Span span;

        Delivered(Scope scope, Span span) {
            this.scope = scope;
            this.span = span;
        }

        @Override
        public void failed(Throwable failure) {
            if (span != null) {
                fail(span, failure);
            }
        }

        @Override
        public void close() {
            scope.close();
            if (span != null) {
                span.end();
            }
        }
    }
}
