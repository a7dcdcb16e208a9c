package dev.warren.it.tracing;

import dev.warren.Exchange;
import dev.warren.PublishOptions;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/** Publishes from an EJB through the rar's pooled connection factory, inside a trace. */
@ConnectionFactoryDefinition(name = "java:app/warren/trace-cf", resourceAdapter = "warren",
        interfaceName = "dev.warren.jca.WarrenConnectionFactory",
        transactionSupport = TransactionSupportLevel.LocalTransaction, maxPoolSize = 2,
        properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F", "connectionName=warren-it-tracing"})
@Stateless
public class TracePublisher {
    @Resource(lookup = "java:app/warren/trace-cf")
    WarrenConnectionFactory factory;

    /**
     * Publishes inside a remote span context made current by hand (what a server's instrumentation does for an
     * incoming request), with no SDK involved.
     *
     * @return the trace id and span id made current
     */
    public String[] publishInContext(String queue, String key, String traceId, String spanId) throws Exception {
        SpanContext request = SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.getSampled(),
                TraceState.getDefault());
        try (Scope ignored = Span.wrap(request).makeCurrent()) {
            publish(queue, key);
        }
        return new String[]{traceId, spanId};
    }

    /**
     * Publishes inside a span of the global OpenTelemetry (the SDK the test installed).
     *
     * @return that span's trace id and span id
     */
    public String[] publishInSpan(String queue, String key) throws Exception {
        Span request = GlobalOpenTelemetry.getTracer("warren-it").spanBuilder("request " + key).startSpan();
        try (Scope ignored = request.makeCurrent()) {
            publish(queue, key);
        } finally {
            request.end();
        }
        return new String[]{request.getSpanContext().getTraceId(), request.getSpanContext().getSpanId()};
    }

    private void publish(String queue, String key) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(key, PublishOptions.to(queue));
        }
    }
}
