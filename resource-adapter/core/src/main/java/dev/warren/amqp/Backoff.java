package dev.warren.amqp;

import dev.warren.WarrenException;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff between attempts to repair a consumer: {@code initial}, twice that, four times …,
 * never more than {@code max}.
 *
 * @param initial the wait before the first attempt
 * @param max the longest wait
 */
public record Backoff(Duration initial, Duration max) {
    /** 1 s, 2 s, 4 s … capped at 30 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Validates the values. */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new WarrenException("Backoff " + initial + " … " + max + " is invalid. Fix: use a non-negative"
                    + " initial wait and a maximum at least as long.");
        }
    }

    /**
     * @param attempt 1 for the first attempt
     * @return the wait before that attempt, in milliseconds
     */
    public long delayMillis(int attempt) {
        long ms = initial.toMillis();
        long cap = max.toMillis();
        for (int i = 1; i < attempt && ms < cap; i++) {
            ms = Math.max(1, ms) * 2;
        }
        return Math.min(ms, cap);
    }
}
