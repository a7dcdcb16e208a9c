package dev.warren.amqp.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which broker confirms count as a nack of the awaited publish. */
class NackWatchTest {

    @Test
    void aNackOfTheAwaitedPublishOrAMultipleNackReachingItCounts() {
        NackWatch w = new NackWatch();
        w.expect(7);
        w.handleNack(7, false);
        assertTrue(w.nacked(7));

        w.expect(8);
        assertFalse(w.nacked(8), "a new publish starts unnacked");
        w.handleNack(9, true);
        assertTrue(w.nacked(8), "a multiple nack up to 9 covers 8");
    }

    @Test
    void acksAndNacksOfOtherPublishesDoNotCount() {
        NackWatch w = new NackWatch();
        w.handleNack(1, false);
        w.expect(5);
        assertFalse(w.nacked(5), "a nack before the publish");
        w.handleNack(4, false);
        w.handleNack(4, true);
        w.handleNack(6, false);
        w.handleAck(5, false);
        assertFalse(w.nacked(5));
        assertFalse(w.nacked(4), "only the awaited publish is answered for");
    }
}
