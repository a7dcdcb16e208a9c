package dev.warren.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PublishTrace} and {@link DeliveryTrace} with OpenTelemetry's API and no global SDK (this JVM installs none):
 * the current context alone is written and read, through the API's W3C propagator.
 */
class TraceContextTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final SpanContext PRODUCER = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
            TraceState.builder().put("vendor", "v1").build());

    @Test
    void theApiIsDetected() {
        assertTrue(Tracing.available());
    }

    @Test
    void publishWritesTheCurrentContextAsW3cHeadersOnACopy() {
        Map<String, Object> headers = Map.of("x-feed", "cnn");
        PublishTrace trace;
        try (Scope ignored = Span.wrap(PRODUCER).makeCurrent()) {
            trace = PublishTrace.start("media", "video", headers, "m1");
        }
        trace.end(null);
        assertEquals("00-" + TRACE_ID + "-" + SPAN_ID + "-01", trace.headers().get("traceparent"));
        assertEquals("vendor=v1", trace.headers().get("tracestate"));
        assertEquals("cnn", trace.headers().get("x-feed"));
        assertEquals(Map.of("x-feed", "cnn"), headers, "the caller's map is not changed");
    }

    @Test
    void withoutACurrentTraceTheHeadersAreTheCallersMap() {
        Map<String, Object> headers = Map.of("x-feed", "cnn");
        PublishTrace trace = PublishTrace.start("", "q", headers, null);
        trace.end(new IllegalStateException("failed publish"));
        assertSame(headers, trace.headers(), "no copy when nothing is added (the publish path's cache stays valid)");
    }

    @Test
    void aTraceparentTheCallerSetIsKept() {
        Map<String, Object> headers = Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        try (Scope ignored = Span.wrap(PRODUCER).makeCurrent()) {
            assertSame(headers, PublishTrace.start("media", "video", headers, null).headers());
        }
    }

    @Test
    void deliveryMakesTheProducersContextCurrentUntilClosed() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("traceparent", ("00-" + TRACE_ID + "-" + SPAN_ID + "-01").getBytes(StandardCharsets.UTF_8));
        headers.put("tracestate", "vendor=v1");
        SpanContext before = Span.current().getSpanContext();
        try (DeliveryTrace trace = DeliveryTrace.start(headers, "media", "video", "videos", "m1")) {
            SpanContext seen = Span.current().getSpanContext();
            assertEquals(TRACE_ID, seen.getTraceId());
            assertEquals(SPAN_ID, seen.getSpanId());
            assertTrue(seen.isRemote());
            assertEquals("v1", seen.getTraceState().get("vendor"));
            trace.failed(new IllegalStateException("bean failed")); // no span without an SDK: nothing to mark
        }
        assertEquals(before, Span.current().getSpanContext(), "the previous context is back");
    }

    @Test
    void aMessageWithoutTraceContextIsDeliveredWithNoParent() {
        try (Scope ignored = Span.wrap(PRODUCER).makeCurrent();
             DeliveryTrace trace = DeliveryTrace.start(Map.of("x-feed", "cnn"), "", "q", "q", null)) {
            assertFalse(Span.current().getSpanContext().isValid(), "nothing stale of the thread is the parent");
        }
        try (DeliveryTrace trace = DeliveryTrace.start(Map.of("traceparent", "garbage"), "", "q", "q", null)) {
            assertFalse(Span.current().getSpanContext().isValid(), "a malformed traceparent is ignored");
        }
    }

    @Test
    void withNothingCurrentAndNoTraceContextADeliveryMakesNothingCurrent() {
        assertSame(io.opentelemetry.context.Context.root(), io.opentelemetry.context.Context.current());
        assertSame(DeliveryTrace.none(), DeliveryTrace.start(Map.of("x-feed", "cnn"), "", "q", "q", null),
                "no span, no producer context and the root context already current: nothing to do per message");
        assertSame(DeliveryTrace.none(), DeliveryTrace.startBatch(java.util.List.of(Map.of(), Map.of()), "q"));
        try (Scope ignored = Span.wrap(PRODUCER).makeCurrent()) {
            DeliveryTrace trace = DeliveryTrace.start(Map.of(), "", "q", "q", null);
            try (trace) {
                assertFalse(Span.current().getSpanContext().isValid(), "a stale context is still cleared");
            }
            assertTrue(trace != DeliveryTrace.none());
            assertEquals(PRODUCER, Span.current().getSpanContext(), "and restored after");
        }
    }

    @Test
    void aBatchOfOneTraceContinuesIt() {
        Map<String, Object> headers = Map.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01");
        try (DeliveryTrace trace = DeliveryTrace.startBatch(java.util.List.of(headers, headers), "q")) {
            assertEquals(TRACE_ID, Span.current().getSpanContext().getTraceId());
        }
    }

    @Test
    void aBatchOfSeveralTracesOrWithoutContextRunsInNone() {
        Map<String, Object> one = Map.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01");
        Map<String, Object> other = Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        try (Scope ignored = Span.wrap(PRODUCER).makeCurrent()) {
            try (DeliveryTrace trace = DeliveryTrace.startBatch(java.util.List.of(one, other), "q")) {
                assertFalse(Span.current().getSpanContext().isValid(), "no message's trace is the batch's");
            }
            try (DeliveryTrace trace = DeliveryTrace.startBatch(java.util.List.of(one, Map.of()), "q")) {
                assertFalse(Span.current().getSpanContext().isValid(), "one message without context: none");
            }
            assertEquals(PRODUCER, Span.current().getSpanContext(), "the previous context is back");
        }
    }
}
