package dev.warren.jca;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One WARNING per interval; the next one counts those held back. */
class WarningThrottleTest {
    private static final long MS = 1_000_000L;

    @Test
    void letsOneThroughPerIntervalAndCountsTheRest() {
        WarningThrottle t = new WarningThrottle(1000);
        long start = -5_000 * MS; // nanoTime may be negative
        assertEquals(0, t.admit(start), "the first one goes through");
        assertEquals(-1, t.admit(start + 1));
        assertEquals(-1, t.admit(start + 999 * MS));
        assertEquals(2, t.admit(start + 1000 * MS), "a new interval: two were held back");
        assertEquals(-1, t.admit(start + 1500 * MS));
        assertEquals(1, t.admit(start + 9000 * MS));
        assertEquals(0, t.admit(start + 20_000 * MS));
    }
}
