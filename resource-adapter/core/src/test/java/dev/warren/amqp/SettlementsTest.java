package dev.warren.amqp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How many deliveries each settlement of a channel settles, without a broker. */
class SettlementsTest {
    @Test
    void acksInDeliveryOrderCountOneEachAndKeepNothing() {
        Settlements s = new Settlements();
        for (long tag = 1; tag <= 10_000; tag++) {
            s.delivered(tag, false);
            assertEquals(1, s.settle(tag, false));
        }
        assertEquals(0, s.keptAbove(), "in-order acks only move the watermark");
    }

    @Test
    void aMultipleAckCountsOnlyWhatWasNotSettledBefore() {
        Settlements s = deliveredUpTo(10);
        assertEquals(1, s.settle(5, false));
        assertEquals(1, s.settle(2, false));
        assertEquals(2, s.keptAbove(), "out of order: kept above the watermark");
        assertEquals(6, s.settle(8, true), "1..8 less 2 and 5");
        assertEquals(0, s.keptAbove());
        assertEquals(0, s.settle(8, true), "nothing left up to 8");
        assertEquals(0, s.settle(3, false), "settled by the multiple-ack already");
        assertEquals(1, s.settle(10, false));
        assertEquals(1, s.settle(0, true), "0 = everything delivered: only 9 was left");
    }

    @Test
    void aSecondSettlementOfOneTagCountsNothing() {
        Settlements s = deliveredUpTo(3);
        assertEquals(1, s.settle(3, false));
        assertEquals(0, s.settle(3, false));
        assertEquals(2, s.settle(3, true), "1 and 2");
    }

    @Test
    void autoAckDeliveriesAreSettledAlreadyAndNeverCounted() {
        Settlements s = new Settlements();
        s.delivered(1, false);
        s.delivered(2, true);
        s.delivered(3, true);
        s.delivered(4, false);
        assertEquals(2, s.settle(4, true), "1 and 4; 2 and 3 were settled by the broker");
        assertEquals(0, s.keptAbove());
    }

    @Test
    void aRecoveredChannelStartsAtItsFirstTag() {
        Settlements s = new Settlements(); // the client offsets tags after a recovery: the first may be 1001
        s.delivered(1001, false);
        s.delivered(1002, false);
        assertEquals(2, s.settle(1002, true), "not 1002: nothing below 1001 was delivered on this channel");
        s.delivered(1003, false);
        assertEquals(1, s.settle(1003, false));
        assertEquals(0, s.keptAbove());
    }

    @Test
    void publisherConfirmsStartAtOneWithoutADeliverySeen() {
        Settlements s = Settlements.ofConfirms();
        assertEquals(3, s.settle(3, true), "publishes 1..3 confirmed at once");
        assertEquals(1, s.settle(5, false), "5 alone");
        assertEquals(2, s.settle(6, true), "4 and 6: 5 was confirmed before");
    }

    private static Settlements deliveredUpTo(long last) {
        Settlements s = new Settlements();
        for (long tag = 1; tag <= last; tag++) {
            s.delivered(tag, false);
        }
        return s;
    }
}
