/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) on Warren's messages, through OpenTelemetry's API when
 * it is on the class path: {@link dev.warren.tracing.PublishTrace} writes the headers on publish (with a producer
 * span), {@link dev.warren.tracing.DeliveryTrace} reads them on delivery and makes the producer's context current
 * around the consumer callback or the message-driven bean (with a consumer span), {@link dev.warren.tracing.ReceiveTrace}
 * records a poll (basic.get) as a receive span. {@link dev.warren.tracing.Tracing}
 * detects the API once; without it all are no-ops and nothing of OpenTelemetry is loaded. This package depends on
 * nothing else of Warren (headers are plain maps), so the API, the broker layer and the JCA glue can all use it.
 */
package dev.warren.tracing;
