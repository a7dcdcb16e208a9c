package dev.warren.jca;

import dev.warren.Message;

import java.util.List;

/**
 * How the messages of a committed batch are acknowledged: with one AMQP multiple-ack on the highest delivery tag
 * when that acknowledges exactly them, otherwise one ack each. A multiple-ack acknowledges every outstanding
 * delivery of the channel up to its tag, so it is used only when the bean settled none of the batch itself and the
 * tags are contiguous (no delivery in between was left out of the batch, e.g. an undecodable message); the consumer
 * leaves no earlier delivery of its channel unsettled (it requeues what a failure policy could not settle). Pure; no
 * I/O. Thread-safe.
 */
final class BatchAck {
    private BatchAck() {
    }

    /**
     * @param batch the messages handed to the bean, in delivery order (ascending tags on one channel)
     * @param unsettled those of them still unsettled after the call, in the same order
     * @return whether one multiple-ack on the last tag acknowledges exactly {@code unsettled}
     */
    static boolean asOne(List<Message> batch, List<Message> unsettled) {
        int n = unsettled.size();
        if (n < 2 || n != batch.size()) {
            return false;
        }
        long first = unsettled.get(0).deliveryTag();
        long last = unsettled.get(n - 1).deliveryTag();
        if (last - first + 1 != n) {
            return false;
        }
        long previous = first - 1;
        for (Message m : unsettled) {
            if (m.deliveryTag() != previous + 1) {
                return false;
            }
            previous = m.deliveryTag();
        }
        return true;
    }
}
