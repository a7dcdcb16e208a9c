package dev.warren.amqp.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bookkeeping of held acknowledgements. */
class AckBatchTest {

    @Test
    void fullAfterSizeHoldsAndTakeGivesTheHighestTag() {
        AckBatch b = new AckBatch(3);
        assertFalse(b.hold(5));
        assertFalse(b.hold(6));
        assertTrue(b.hold(7), "the third hold fills a batch of 3");
        assertEquals(7, b.take());
        assertEquals(0, b.held());
        assertEquals(0, b.take(), "nothing held: nothing to send");
    }

    @Test
    void takeOfAPartialBatchGivesItsHighestTag() {
        AckBatch b = new AckBatch(10);
        b.hold(9);
        b.hold(4); // a bean settled an earlier message late: the multiple-ack still covers up to 9
        assertEquals(2, b.held());
        assertEquals(9, b.take());
        b.hold(12);
        assertEquals(12, b.take(), "tags keep rising across batches");
    }

    @Test
    void aBatchHoldsAtLeastTwo() {
        assertThrows(IllegalArgumentException.class, () -> new AckBatch(1));
        assertThrows(IllegalArgumentException.class, () -> new AckBatch(0));
    }
}
