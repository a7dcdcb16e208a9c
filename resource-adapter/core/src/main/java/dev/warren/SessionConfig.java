package dev.warren;

import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings a {@link Session} starts with: the codec (serializers, compressions, default serializer),
 * the default accept list, the default publisher-confirm timeout and the publish retry policy. Immutable;
 * the withers return changed copies.
 *
 * @param codec encodes and decodes bodies
 * @param accept the default accept list
 * @param confirmTimeout wait this long for a publisher confirm on every publish; null = no confirms
 * @param retryPolicy retries of publishes that hit a lost connection
 */
public record SessionConfig(MessageCodec codec, Accept accept, Duration confirmTimeout, RetryPolicy retryPolicy) {

    /**
     * json by default, accept json/text/raw, no confirms, publishes retried with {@link RetryPolicy#DEFAULT} (rides
     * out an automatic recovery or a cluster failover; {@code withRetryPolicy(RetryPolicy.NONE)} fails at once).
     */
    public static final SessionConfig DEFAULT = new SessionConfig(MessageCodec.defaults(), Accept.DEFAULT, null,
            RetryPolicy.DEFAULT);

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

    /** @param c the codec @return a copy */
    public SessionConfig withCodec(MessageCodec c) {
        return new SessionConfig(c, accept, confirmTimeout, retryPolicy);
    }

    /** @param a the accept list @return a copy */
    public SessionConfig withAccept(Accept a) {
        return new SessionConfig(codec, a, confirmTimeout, retryPolicy);
    }

    /** @param timeout confirm timeout, or null for none @return a copy */
    public SessionConfig withConfirmTimeout(Duration timeout) {
        return new SessionConfig(codec, accept, timeout, retryPolicy);
    }

    /** @param policy retry policy @return a copy */
    public SessionConfig withRetryPolicy(RetryPolicy policy) {
        return new SessionConfig(codec, accept, confirmTimeout, policy);
    }
}
