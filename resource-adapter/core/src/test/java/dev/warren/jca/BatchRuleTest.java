package dev.warren.jca;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a batch is ready: full, or its first message waited batchTimeout; pure arithmetic, no broker. */
class BatchRuleTest {
    private static final long MS = 1_000_000L;

    @Test
    void aFullBatchIsDeliveredAtOnce() {
        BatchRule rule = BatchRule.of(3, 200);
        assertFalse(rule.full(2));
        assertTrue(rule.full(3));
        assertEquals(0, rule.waitNanos(3, 0, 0), "full: no waiting even though the timeout has not elapsed");
    }

    @Test
    void aPartialBatchWaitsUntilTheTimeoutCountedFromItsFirstArrival() {
        BatchRule rule = BatchRule.of(50, 200);
        long first = 1_000 * MS;
        assertEquals(200 * MS, rule.waitNanos(1, first, first));
        assertEquals(150 * MS, rule.waitNanos(7, first, first + 50 * MS), "later arrivals do not extend it");
        assertEquals(1, rule.waitNanos(7, first, first + 200 * MS - 1));
        assertEquals(0, rule.waitNanos(7, first, first + 200 * MS), "due exactly at the timeout");
        assertEquals(0, rule.waitNanos(7, first, first + 5_000 * MS), "overdue (the consumer was busy): at once");
    }

    @Test
    void theTimeoutIsMeasuredAcrossTheNanoTimeOverflow() {
        BatchRule rule = BatchRule.of(10, 100);
        long first = Long.MAX_VALUE - 10 * MS; // nanoTime may be anywhere, including near the overflow
        assertEquals(60 * MS, rule.waitNanos(1, first, first + 40 * MS));
        assertEquals(0, rule.waitNanos(1, first, first + 100 * MS));
    }

    @Test
    void aZeroTimeoutDeliversWhatHasArrivedAndAnEmptyBatchNeverWaits() {
        assertEquals(0, BatchRule.of(50, 0).waitNanos(1, 5, 5));
        assertEquals(0, BatchRule.of(50, 1000).waitNanos(0, 5, 5));
    }

    @Test
    void batchSizeOneIsAlwaysFull() {
        BatchRule rule = BatchRule.of(1, 1000);
        assertTrue(rule.full(1));
        assertEquals(0, rule.waitNanos(1, 0, 0));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BatchRule.of(0, 10));
        assertThrows(IllegalArgumentException.class, () -> BatchRule.of(5, -1));
    }
}
