package dev.warren.jca;

import java.util.concurrent.TimeUnit;

/**
 * Lets one WARNING of a kind through per interval and counts the ones held back, for failures that can repeat as
 * fast as a message loops (a dead-letter target that refuses every failed message: the message is requeued and fails
 * again at once). The caller logs a held-back one at FINE; the next WARNING says how many were held back. Thread-safe
 * (synchronized: only failure paths call it).
 */
final class WarningThrottle {
    private final long intervalNanos;
    private boolean warned;
    /** when the last WARNING was let through ({@link System#nanoTime()}) */
    private long last;
    private long heldBack;

    /** @param intervalMillis at most one WARNING per this many milliseconds */
    WarningThrottle(long intervalMillis) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    /**
     * @param nowNanos {@link System#nanoTime()}
     * @return -1 when this one is held back (log it at FINE); else how many were held back since the last WARNING
     */
    synchronized long admit(long nowNanos) {
        if (warned && nowNanos - last < intervalNanos) {
            heldBack++;
            return -1;
        }
        warned = true;
        last = nowNanos;
        long n = heldBack;
        heldBack = 0;
        return n;
    }
}
