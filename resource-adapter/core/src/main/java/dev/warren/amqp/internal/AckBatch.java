package dev.warren.amqp.internal;

/**
 * The acknowledgements a {@link ChannelSession} holds back to send as one AMQP multiple-ack: the highest held
 * delivery tag and how many are held. Pure bookkeeping, no I/O. Not thread-safe: the session guards it with its
 * own lock, so that the multiple-acks leave in tag order.
 */
final class AckBatch {
    private final int size;
    private long highest;
    private int held;

    /** @param size acknowledgements per multiple-ack, at least 2 */
    AckBatch(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("an ack batch holds at least 2, not " + size);
        }
        this.size = size;
    }

    /**
     * @param deliveryTag a delivery acknowledged by the application
     * @return true when the batch is full: send {@link #take()} now
     */
    boolean hold(long deliveryTag) {
        if (deliveryTag > highest) {
            highest = deliveryTag;
        }
        return ++held >= size;
    }

    /** @return the tag to acknowledge with {@code multiple=true}, or 0 when nothing is held; empties the batch */
    long take() {
        if (held == 0) {
            return 0;
        }
        held = 0;
        return highest;
    }

    /** @return how many acknowledgements are held */
    int held() {
        return held;
    }
}
