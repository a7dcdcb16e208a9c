package dev.warren;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.warren.amqp.Warren;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * W3C trace context from a Java SE {@link Producer} to a {@link Consumer} callback through the real broker, with an
 * OpenTelemetry SDK installed as the global one (in-memory exporter): producer and consumer spans, the callback's
 * current span, a caller's own traceparent, a message without trace context (as kombu and Celery send), a failing
 * callback, and the switch.
 */
class TracingIT extends BrokerSupport {
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static OpenTelemetrySdk sdk;

    /** What a callback saw: its current span and the message's traceparent header. */
    private record Seen(SpanContext current, Object traceparent) {
    }

    @BeforeAll
    static void installSdk() {
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build()).build();
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(sdk);
    }

    @AfterAll
    static void removeSdk() {
        GlobalOpenTelemetry.resetForTest();
        sdk.close();
    }

    @BeforeEach
    void clearSpans() {
        SPANS.reset();
    }

    @Test
    void theProducersTraceReachesTheConsumerCallbackThroughAProducerAndAConsumerSpan() throws Exception {
        Exchange media = Exchange.direct(exchangeName("trace"));
        Queue queue = Queue.of(queueName("trace"), media, "video");
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        Span request = GlobalOpenTelemetry.getTracer("test").spanBuilder("request").startSpan();
        try (Consumer consumer = session.consumer(queue).callback((body, m) -> {
            seen.add(new Seen(Span.current().getSpanContext(), m.headers().get("traceparent")));
            m.ack();
        }).consume(); Session publishing = Warren.open(connection)) {
            try (Scope ignored = request.makeCurrent()) {
                publishing.producer(media).publish(Map.of("n", 1), PublishOptions.to("video").messageId("m-1"));
            }
            Seen s = seen.poll(5, TimeUnit.SECONDS);
            assertNotNull(s, "delivered");
            SpanData producer = awaitSpan(d -> d.getKind() == SpanKind.PRODUCER);
            SpanData process = awaitSpan(d -> d.getKind() == SpanKind.CONSUMER);
            assertEquals(request.getSpanContext().getTraceId(), s.current().getTraceId(), "the callback continues"
                    + " the producer's trace");
            assertEquals(process.getSpanId(), s.current().getSpanId(), "inside the consumer span");
            assertEquals(producer.getSpanId(), process.getParentSpanId(), "the consumer span's parent is the producer"
                    + " span");
            assertEquals(request.getSpanContext().getSpanId(), producer.getParentSpanId());
            assertEquals("00-" + producer.getTraceId() + "-" + producer.getSpanId() + "-"
                    + producer.getSpanContext().getTraceFlags().asHex(), s.traceparent(), "W3C, written by the API");
            assertEquals("publish " + media.name(), producer.getName());
            assertEquals("rabbitmq", producer.getAttributes().get(AttributeKey.stringKey("messaging.system")));
            assertEquals(media.name(), producer.getAttributes().get(AttributeKey.stringKey(
                    "messaging.destination.name")));
            assertEquals("video", producer.getAttributes().get(AttributeKey.stringKey(
                    "messaging.rabbitmq.destination.routing_key")));
            assertEquals("m-1", producer.getAttributes().get(AttributeKey.stringKey("messaging.message.id")));
            assertEquals("process " + queue.name(), process.getName());
            assertEquals("process", process.getAttributes().get(AttributeKey.stringKey("messaging.operation.name")));
            assertEquals(StatusCode.UNSET, process.getStatus().getStatusCode());
        } finally {
            request.end();
        }
        assertEquals(0, ready(session, queue));
    }

    @Test
    void aTraceparentTheCallerSetIsSentAsItIs() throws Exception {
        String own = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Queue queue = session.declare(Queue.named(queueName("own")));
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        try (Consumer consumer = session.consumer(queue).callback((body, m) -> {
            seen.add(new Seen(Span.current().getSpanContext(), m.headers().get("traceparent")));
            m.ack();
        }).consume(); Session publishing = Warren.open(connection)) {
            Span request = GlobalOpenTelemetry.getTracer("test").spanBuilder("request").startSpan();
            try (Scope ignored = request.makeCurrent()) {
                publishing.producer(Exchange.DEFAULT).publish("x", PublishOptions.to(queue.name())
                        .header("traceparent", own));
            } finally {
                request.end();
            }
            Seen s = seen.poll(5, TimeUnit.SECONDS);
            assertNotNull(s, "delivered");
            assertEquals(own, s.traceparent(), "not overwritten");
            assertEquals("0af7651916cd43dd8448eb211c80319c", s.current().getTraceId());
            SpanData process = awaitSpan(d -> d.getKind() == SpanKind.CONSUMER);
            assertEquals("b7ad6b7169203331", process.getParentSpanId());
            assertTrue(SPANS.getFinishedSpanItems().stream().noneMatch(d -> d.getKind() == SpanKind.PRODUCER),
                    "no producer span for a message that carries its own context");
        }
    }

    /** A message as kombu or Celery publish it: no trace headers. It is delivered as ever, in a trace of its own. */
    @Test
    void aGlobalWithoutAnSdkStartsNothingAndStillCarriesTheProducersContext() {
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(io.opentelemetry.api.OpenTelemetry.noop()); // what an application server may install
        try {
            assertSame(dev.warren.tracing.DeliveryTrace.none(),
                    dev.warren.tracing.DeliveryTrace.start(Map.of(), "", "q", "q", null),
                    "no span to start and no context to carry: nothing is made current");
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            try (dev.warren.tracing.DeliveryTrace trace = dev.warren.tracing.DeliveryTrace.start(
                    Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"), "", "q", "q", null)) {
                assertEquals(traceId, Span.current().getSpanContext().getTraceId(), "the producer's context");
            }
            assertFalse(Span.current().getSpanContext().isValid());
        } finally {
            GlobalOpenTelemetry.resetForTest();
            GlobalOpenTelemetry.set(sdk);
        }
    }

    @Test
    void aMessageWithoutTraceContextIsDeliveredNormallyInATraceOfItsOwn() throws Exception {
        Queue queue = session.declare(Queue.named(queueName("kombu")));
        BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        try (Consumer consumer = session.consumer(queue).callback((body, m) -> {
            assertEquals(Map.of("hello", "kombu"), body);
            seen.add(new Seen(Span.current().getSpanContext(), m.headers().get("traceparent")));
            m.ack();
        }).consume(); Channel raw = connection.createChannel()) {
            raw.basicPublish("", queue.name(), new AMQP.BasicProperties.Builder().contentType("application/json")
                    .contentEncoding("utf-8").build(), "{\"hello\": \"kombu\"}".getBytes(StandardCharsets.UTF_8));
            Seen s = seen.poll(5, TimeUnit.SECONDS);
            assertNotNull(s, "delivered");
            assertNull(s.traceparent());
            SpanData process = awaitSpan(d -> d.getKind() == SpanKind.CONSUMER);
            assertFalse(process.getParentSpanContext().isValid(), "no parent");
            assertEquals(process.getSpanId(), s.current().getSpanId());
            assertEquals(StatusCode.UNSET, process.getStatus().getStatusCode());
        }
        assertEquals(0, ready(session, queue));
    }

    @Test
    void aBatchRunsInAConsumerSpanOfItsOwnLinkedToEachMessagesTrace() throws Exception {
        String a = "4bf92f3577b34da6a3ce929d0e0e4736";
        String b = "0af7651916cd43dd8448eb211c80319c";
        SpanContext current;
        try (dev.warren.tracing.DeliveryTrace trace = dev.warren.tracing.DeliveryTrace.startBatch(List.of(
                Map.of("traceparent", "00-" + a + "-00f067aa0ba902b7-01"), Map.of("x-feed", "kombu"),
                Map.of("traceparent", "00-" + b + "-b7ad6b7169203331-01")), "batch-q")) {
            current = Span.current().getSpanContext();
            trace.failed(new IllegalStateException("batch failed"));
        }
        SpanData process = awaitSpan(d -> d.getKind() == SpanKind.CONSUMER);
        assertEquals("process batch-q", process.getName());
        assertEquals(process.getSpanId(), current.getSpanId(), "current during the batch");
        assertFalse(process.getParentSpanContext().isValid(), "no message's trace is the batch's parent");
        assertEquals(List.of(a, b), process.getLinks().stream().map(l -> l.getSpanContext().getTraceId()).toList());
        assertEquals(3L, process.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")));
        assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
    }

    @Test
    void aFailingCallbackEndsTheConsumerSpanWithAnErrorStatus() throws Exception {
        Queue queue = session.declare(Queue.named(queueName("fail")));
        try (Consumer consumer = session.consumer(queue).callback((body, m) -> {
            throw new IllegalStateException("bean failed on " + body);
        }).consume()) {
            session.producer(Exchange.DEFAULT).publish("boom", queue.name());
            SpanData process = awaitSpan(d -> d.getKind() == SpanKind.CONSUMER);
            assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
            assertEquals("bean failed on boom", process.getStatus().getDescription());
            assertEquals("exception", process.getEvents().get(0).getName());
        }
    }

    @Test
    void aSessionWithTracingOffWritesNoTraceContext() throws Exception {
        Queue queue = session.declare(Queue.named(queueName("off")));
        Span request = GlobalOpenTelemetry.getTracer("test").spanBuilder("request").startSpan();
        Message m;
        try (Session off = Warren.open(connection, SessionConfig.DEFAULT.withTracing(false));
             Scope ignored = request.makeCurrent()) {
            off.producer(Exchange.DEFAULT).publish("quiet", queue.name());
            m = poll(off, queue).orElseThrow();
            m.ack();
        } finally {
            request.end();
        }
        assertNull(m.headers().get("traceparent"));
        assertEquals(List.of("request"), SPANS.getFinishedSpanItems().stream().map(SpanData::getName).toList(),
                "no producer span, no receive span");
    }

    /**
     * kombu's {@code queue.get()}: the poll is a receive span in the poller's trace, linked to the producer's span;
     * the message's own trace is made current where the application processes it ({@link Message#startTrace()}),
     * with a process span as around a callback. An empty poll records nothing.
     */
    @Test
    void aPolledMessageIsAReceiveSpanOfThePollerLinkedToTheProducerAndItsTraceIsMadeCurrentOnRequest()
            throws Exception {
        Queue queue = session.declare(Queue.named(queueName("get")));
        Span request = GlobalOpenTelemetry.getTracer("test").spanBuilder("request").startSpan();
        try (Session publishing = Warren.open(connection); Scope ignored = request.makeCurrent()) {
            publishing.producer(Exchange.DEFAULT).publish("polled", PublishOptions.to(queue.name()).messageId("m-get"));
        } finally {
            request.end();
        }
        SpanData producer = awaitSpan(d -> d.getKind() == SpanKind.PRODUCER);
        awaitReady(session, queue, 1);
        Span poller = GlobalOpenTelemetry.getTracer("test").spanBuilder("poller").startSpan();
        Message m;
        SpanContext processing;
        try (Scope ignored = poller.makeCurrent()) {
            m = queue.attach(session).get().orElseThrow();
            assertEquals(poller.getSpanContext(), Span.current().getSpanContext(), "get leaves the caller's context"
                    + " as it was");
            try (dev.warren.tracing.DeliveryTrace trace = m.startTrace()) {
                processing = Span.current().getSpanContext();
                m.ack();
            }
            assertEquals(poller.getSpanContext(), Span.current().getSpanContext(), "restored on close");
            assertTrue(session.get(queue).isEmpty(), "drained");
        } finally {
            poller.end();
        }
        SpanData receive = awaitSpan(d -> d.getName().equals("receive " + queue.name()));
        assertEquals(SpanKind.CONSUMER, receive.getKind());
        assertEquals(poller.getSpanContext().getSpanId(), receive.getParentSpanId(), "a step of the poller's work");
        assertEquals(List.of(producer.getTraceId() + "/" + producer.getSpanId()), receive.getLinks().stream()
                .map(l -> l.getSpanContext().getTraceId() + "/" + l.getSpanContext().getSpanId()).toList(),
                "linked to the producer's span");
        assertEquals("receive", receive.getAttributes().get(AttributeKey.stringKey("messaging.operation.name")));
        assertEquals(queue.name(), receive.getAttributes().get(AttributeKey.stringKey(
                "messaging.destination.subscription.name")));
        assertEquals("m-get", receive.getAttributes().get(AttributeKey.stringKey("messaging.message.id")));
        assertTrue(receive.getStartEpochNanos() <= receive.getEndEpochNanos());
        SpanData process = awaitSpan(d -> d.getName().equals("process " + queue.name()));
        assertEquals(process.getSpanId(), processing.getSpanId(), "current while the application processed it");
        assertEquals(producer.getSpanId(), process.getParentSpanId(), "the producer's trace continues");
        assertEquals(request.getSpanContext().getTraceId(), processing.getTraceId());
        assertEquals(1, SPANS.getFinishedSpanItems().stream().filter(d -> d.getName().startsWith("receive ")).count(),
                "the empty poll recorded no span");
    }

    @Test
    void aFailedPollIsAReceiveSpanWithAnErrorStatus() throws Exception {
        String missing = queueName("missing");
        try (Session polling = Warren.open(connection)) {
            BrokerException e = assertThrows(BrokerException.class, () -> polling.get(Queue.named(missing)));
            assertEquals(404, e.replyCode());
        }
        SpanData receive = awaitSpan(d -> d.getName().equals("receive " + missing));
        assertEquals(StatusCode.ERROR, receive.getStatus().getStatusCode());
        assertFalse(receive.getParentSpanContext().isValid(), "no current span: a trace of its own");
        assertEquals("exception", receive.getEvents().get(0).getName());
    }

    private static SpanData awaitSpan(Predicate<SpanData> which) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (SpanData d : SPANS.getFinishedSpanItems()) {
                if (which.test(d)) {
                    return d;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no such span ended within 5 s; ended: " + SPANS.getFinishedSpanItems());
    }
}
