package dev.warren.it.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test's view of tracing inside the server: installs an OpenTelemetry SDK (the one the server bundles) as the
 * global one with an in-memory exporter, and keeps what the message-driven beans saw. The SDK lives as long as the
 * probe: undeploying the test application gives the server its no-op global OpenTelemetry back, so the classes that
 * run after TracingIT in the same server (one JVM for the module) find it as TracingIT found it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TraceProbe {
    /** What a bean saw: its current span, that span's parent (when it is an SDK span) and the traceparent header. */
    public record Seen(String traceId, String spanId, String parentSpanId, String traceparent) implements
            java.io.Serializable {
    }

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** Replaces the server's global OpenTelemetry (the no-op one) with an SDK that records every ended span. */
    public void installSdk() {
        SpanExporter memory = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                ended.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(memory)).build()).build());
    }

    /** Undeploy: forgets the SDK this probe installed, so the next {@code GlobalOpenTelemetry.get()} is a no-op again. */
    @PreDestroy
    void uninstallSdk() {
        GlobalOpenTelemetry.resetForTest();
    }

    /** Called by the beans: records the current span under the message's key. */
    public void record(String key, String traceparent) {
        Span current = Span.current();
        SpanContext c = current.getSpanContext();
        String parent = current instanceof ReadableSpan ? ((ReadableSpan) current).toSpanData().getParentSpanId()
                : null;
        seen.put(key, new Seen(c.getTraceId(), c.getSpanId(), parent, traceparent));
    }

    public Seen seen(String key) {
        return seen.get(key);
    }

    /** @return the ended spans as "kind name traceId spanId parentSpanId status" lines */
    public List<String> ended() {
        return ended.stream().map(d -> d.getKind() + " " + d.getName() + " " + d.getTraceId() + " " + d.getSpanId()
                + " " + d.getParentSpanId() + " " + d.getStatus().getStatusCode()).toList();
    }
}
