package dev.warren.bench;

import dev.warren.Exchange;
import dev.warren.Producer;
import dev.warren.Queue;
import dev.warren.Session;
import dev.warren.SessionConfig;
import dev.warren.amqp.Warren;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The cost of trace context on publish ({@code --scenarios tracing}, opt-in): the kombu-way publish
 * ({@code producer.publish(map, routingKey)}, as {@code warren-object} of {@link PublishScenario}) with tracing switched
 * off ({@code trace-off}); on with OpenTelemetry's API present but no current trace and no SDK, what an application
 * that does not trace pays ({@code trace-idle}); on inside a current span context, so every message gets a
 * {@code traceparent} header ({@code trace-context}); and on with an SDK installed as the global OpenTelemetry, so every
 * publish also starts and ends a sampled producer span, exported in batches to an exporter that drops them
 * ({@code trace-sdk}). The global OpenTelemetry is reset before each run and set only for {@code trace-sdk}.
 */
final class TracingScenario {
    static final List<String> CONTENDERS = List.of("trace-off", "trace-idle", "trace-context", "trace-sdk");

    private static final SpanContext REQUEST = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());

    private final BrokerFixture broker;
    private final int timeoutSeconds;
    private OpenTelemetrySdk sdk;

    TracingScenario(BrokerFixture broker, int timeoutSeconds) {
        this.broker = broker;
        this.timeoutSeconds = timeoutSeconds;
    }

    Result run(String contender, Payloads payload, int n) throws Exception {
        GlobalOpenTelemetry.resetForTest();
        if (contender.equals("trace-sdk")) {
            GlobalOpenTelemetry.set(sdk());
        }
        String queue = broker.newQueue("trace");
        try (BrokerFixture.CountingConnection connection = broker.connect("trace-" + contender);
             Session session = Warren.open(connection.proxy(),
                     SessionConfig.DEFAULT.withTracing(!contender.equals("trace-off")));
             Scope ignored = contender.equals("trace-idle") || contender.equals("trace-off") ? null
                     : Span.wrap(REQUEST).makeCurrent()) {
            Producer producer = session.producer(Exchange.builder(broker.exchange()).durable(false).build());
            Map<String, Object> body = payload.object();
            long a0 = Allocation.current();
            long c0 = Allocation.cpu();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.publish(body, queue);
            }
            session.declarePassive(Queue.named(queue));
            long t1 = System.nanoTime();
            long a1 = Allocation.current();
            long c1 = Allocation.cpu();
            broker.awaitCount(queue, n, timeoutSeconds * 1000L);
            return new Result(n, t1 - t0, a0 < 0 ? -1 : a1 - a0, c0 < 0 ? -1 : c1 - c0);
        } finally {
            broker.deleteQueue(queue);
            GlobalOpenTelemetry.resetForTest();
        }
    }

    private OpenTelemetrySdk sdk() {
        if (sdk == null) {
            SpanExporter drop = new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
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
            sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(drop).build()).build()).build();
        }
        return sdk;
    }
}
