package dev.warren;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a publish is retried when the connection to the broker is lost — kombu's
 * {@code retry_policy} ({@code max_retries}, {@code interval_start}, {@code interval_step},
 * {@code interval_max}). Only connection failures are retried (the client's automatic recovery brings
 * the channel back meanwhile); a broker refusal (unknown exchange, access refused, nack) is not.
 *
 * @param maxRetries retries after the first attempt; 0 = none
 * @param intervalStart wait before the first retry
 * @param intervalStep added to the wait after each retry
 * @param intervalMax the longest wait
 */
public record RetryPolicy(int maxRetries, Duration intervalStart, Duration intervalStep, Duration intervalMax) {
    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * kombu's defaults: 3 retries, waits of 0 s, 1 s, 1 s (start 0, step 1, max 1) — about 2 s in all, shorter than
     * the client's automatic recovery ({@code networkRecoveryInterval}, 5 s by default): a publish that hits a
     * failover with this policy fails (measured on a three-node cluster).
     */
    public static final RetryPolicy KOMBU_DEFAULT = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    /**
     * Warren's default for sessions opened with {@link SessionConfig#DEFAULT}, the same as the resource adapter's
     * connection factory defaults ({@code retryMaxRetries=5}, {@code retryIntervalStart=1000},
     * {@code retryIntervalStep=1000}, {@code retryIntervalMax=3000}): 5 retries after waits of 1, 2, 3, 3, 3 s — 12 s
     * in all, longer than the client's automatic recovery at its default {@code networkRecoveryInterval} of 5 s plus
     * a reconnection, including a failover to another cluster node (measured by {@code ClusterFailoverIT}). Raise
     * {@code maxRetries} with a longer recovery interval. A publish that hits a lost connection may be retried after
     * the broker already had it: at-least-once, duplicates possible.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(3));

    /** Validates the values. */
    public RetryPolicy {
        Objects.requireNonNull(intervalStart, "intervalStart");
        Objects.requireNonNull(intervalStep, "intervalStep");
        Objects.requireNonNull(intervalMax, "intervalMax");
        if (maxRetries < 0 || intervalStart.isNegative() || intervalStep.isNegative() || intervalMax.isNegative()) {
            throw new WarrenException("Retry policy " + maxRetries + "/" + intervalStart + "/" + intervalStep + "/"
                    + intervalMax + " has a negative value. Fix: use max retries >= 0 and non-negative intervals.");
        }
    }

    /**
     * @param retry 1 for the first retry
     * @return the wait before that retry: start + (retry - 1) × step, at most max
     */
    public Duration intervalBefore(int retry) {
        Duration d = intervalStart.plus(intervalStep.multipliedBy(Math.max(0, retry - 1)));
        return d.compareTo(intervalMax) > 0 ? intervalMax : d;
    }
}
