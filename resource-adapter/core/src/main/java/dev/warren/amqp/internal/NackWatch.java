package dev.warren.amqp.internal;

import com.rabbitmq.client.ConfirmListener;

/**
 * Records whether the broker nacked the publish a {@link ChannelSession} waits for, so that a nack is never taken for
 * a confirm. The client's {@code waitForConfirms} cannot be trusted alone: its reader thread takes a sequence number
 * out of the unconfirmed set before it records that the confirm was a nack, and a publisher that looks in between
 * sees an empty set and no nack — the message is reported as confirmed though the broker refused it (seen under CPU
 * load: a failed dead-letter publish taken for a confirmed one, and the original acknowledged, i.e. lost). The
 * client calls its confirm listeners before it touches that set, so this listener has seen the nack by the time the
 * set is empty.
 *
 * <p>One awaited publish at a time, as a session is used by one thread at a time. Thread-safe: the client's reader
 * thread calls the listener methods while the publishing thread calls {@link #expect} and {@link #nacked}.
 */
final class NackWatch implements ConfirmListener {
    /** the sequence number of the publish being waited for, or -1 */
    private volatile long awaited = -1;
    /**
     * the awaited sequence number a nack covered, or -1: the number itself rather than a flag, so that a late nack of
     * an earlier publish (one that timed out) racing with {@link #expect} cannot mark the next one
     */
    private volatile long nackedFor = -1;

    /**
     * Called before the publish, with the channel's next publish sequence number.
     *
     * @param sequenceNumber the sequence number the publish gets
     */
    void expect(long sequenceNumber) {
        awaited = sequenceNumber;
    }

    /**
     * @param sequenceNumber as given to {@link #expect}
     * @return whether the broker nacked that publish (read after {@code waitForConfirms} returned)
     */
    boolean nacked(long sequenceNumber) {
        return nackedFor == sequenceNumber;
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        // a confirm: the client's own bookkeeping reports it
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        long a = awaited;
        if (a >= 0 && (deliveryTag == a || (multiple && deliveryTag > a))) {
            nackedFor = a;
        }
    }
}
