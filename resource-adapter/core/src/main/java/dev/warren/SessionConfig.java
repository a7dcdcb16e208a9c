package dev.warren;

import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings a {@link Session} starts with: the codec (serializers, compressions, default serializer),
 * the default accept list, the default publisher-confirm timeout, the publish retry policy and whether trace context
 * is propagated. Immutable; the withers return changed copies.
 *
 * @param codec encodes and decodes bodies
 * @param accept the default accept list
 * @param confirmTimeout wait this long for a publisher confirm on every publish; null = no confirms
 * @param retryPolicy retries of publishes that hit a lost connection
 * @param tracing write W3C {@code traceparent}/{@code tracestate} on publish and make the producer's trace current
 *        around consumer callbacks, when OpenTelemetry's API is on the class path (see {@code dev.warren.tracing});
 *        true by default, false turns it off for this session
 */
public record SessionConfig(MessageCodec codec, Accept accept, Duration confirmTimeout, RetryPolicy retryPolicy,
                            boolean tracing) {

    /**
     * json by default, accept json/text/raw, no confirms, publishes retried with {@link RetryPolicy#DEFAULT} (rides
     * out an automatic recovery or a cluster failover; {@code withRetryPolicy(RetryPolicy.NONE)} fails at once).
     */
    public static final SessionConfig DEFAULT = new SessionConfig(MessageCodec.defaults(), Accept.DEFAULT, null,
            RetryPolicy.DEFAULT, true);

    /** Validates. */
    public SessionConfig {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(accept, "accept");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (confirmTimeout != null && (confirmTimeout.isNegative() || confirmTimeout.isZero())) {
            throw new WarrenException("Publisher confirm timeout " + confirmTimeout + " must be positive."
                    + " Fix: use e.g. PT5S, or null for no confirms.");
        }
    }

    /**
     * Settings with tracing on (when OpenTelemetry's API is present).
     *
     * @param codec encodes and decodes bodies
     * @param accept the default accept list
     * @param confirmTimeout wait this long for a publisher confirm on every publish; null = no confirms
     * @param retryPolicy retries of publishes that hit a lost connection
     */
    public SessionConfig(MessageCodec codec, Accept accept, Duration confirmTimeout, RetryPolicy retryPolicy) {
        this(codec, accept, confirmTimeout, retryPolicy, true);
    }

    /** @param c the codec @return a copy */
    public SessionConfig withCodec(MessageCodec c) {
        return new SessionConfig(c, accept, confirmTimeout, retryPolicy, tracing);
    }

    /** @param a the accept list @return a copy */
    public SessionConfig withAccept(Accept a) {
        return new SessionConfig(codec, a, confirmTimeout, retryPolicy, tracing);
    }

    /** @param timeout confirm timeout, or null for none @return a copy */
    public SessionConfig withConfirmTimeout(Duration timeout) {
        return new SessionConfig(codec, accept, timeout, retryPolicy, tracing);
    }

    /** @param policy retry policy @return a copy */
    public SessionConfig withRetryPolicy(RetryPolicy policy) {
        return new SessionConfig(codec, accept, confirmTimeout, policy, tracing);
    }

    /**
     * @param on propagate trace context (the default), or not; without OpenTelemetry's API on the class path there is
     *        none either way
     * @return a copy
     */
    public SessionConfig withTracing(boolean on) {
        return new SessionConfig(codec, accept, confirmTimeout, retryPolicy, on);
    }
}
