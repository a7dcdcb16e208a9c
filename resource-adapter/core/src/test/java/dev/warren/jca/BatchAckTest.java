package dev.warren.jca;

import dev.warren.Acknowledger;
import dev.warren.DeliveryInfo;
import dev.warren.Message;
import dev.warren.internal.Messages;
import dev.warren.MessageProperties;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a committed batch is acknowledged with one multiple-ack: only when that acknowledges exactly the batch (no
 * message settled by the bean, contiguous tags); otherwise one ack each. Pure, no broker.
 */
class BatchAckTest {

    @Test
    void aContiguousBatchNobodySettledIsAckedAsOne() {
        List<Message> batch = messages(11, 60);
        assertTrue(BatchAck.asOne(batch, batch));
    }

    @Test
    void aBatchWithAMessageTheBeanSettledIsAckedOneByOne() {
        List<Message> batch = messages(1, 50);
        List<Message> unsettled = batch.stream().filter(m -> m.deliveryTag() != 17).toList();
        assertFalse(BatchAck.asOne(batch, unsettled), "a multiple-ack would have covered the bean's own choice");
        List<Message> lastSettled = batch.subList(0, 49);
        assertFalse(BatchAck.asOne(batch, lastSettled));
    }

    @Test
    void aGapInTheTagsIsAckedOneByOne() {
        // tag 5 was left out of the batch (it could not be decoded) and went to the failure policy
        List<Message> batch = List.of(message(3), message(4), message(6), message(7));
        assertFalse(BatchAck.asOne(batch, batch));
        List<Message> outOfOrder = List.of(message(3), message(5), message(4));
        assertFalse(BatchAck.asOne(outOfOrder, outOfOrder), "same span, but not in delivery order");
    }

    @Test
    void aSingleMessageIsAckedOnItsOwn() {
        List<Message> one = messages(9, 9);
        assertFalse(BatchAck.asOne(one, one));
        assertFalse(BatchAck.asOne(one, List.of()));
    }

    private static List<Message> messages(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(BatchAckTest::message).toList();
    }

    private static Message message(long tag) {
        Acknowledger none = new Acknowledger() {
            @Override
            public void ack(long deliveryTag) {
                throw new AssertionError("BatchAck decides; it does not settle");
            }

            @Override
            public void reject(long deliveryTag, boolean requeue) {
                throw new AssertionError("BatchAck decides; it does not settle");
            }
        };
        MessageProperties p = new MessageProperties("text/plain", "utf-8", Map.of(), null, null, null, null, null,
                null, null, null, null, null, null);
        return Messages.received("x".getBytes(), p, new DeliveryInfo("", "q", false, tag, "c", "q"), none,
                Message.State.RECEIVED, MessageCodec.defaults(), Accept.parse("text"));
    }
}
