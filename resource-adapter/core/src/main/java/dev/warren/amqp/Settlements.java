package dev.warren.amqp;

import java.util.TreeSet;

/**
 * Counts how many deliveries of one channel each ack, nack or reject settles (or how many publishes each publisher
 * confirm settles, {@link #ofConfirms()}), for {@link ConnectionMonitor}: without a set entry per unsettled one. A
 * channel's delivery tags are consecutive (the client's recovery keeps them so across reconnects), so the settled ones
 * are everything up to a watermark plus the few settled out of order above it; a multiple-ack up to tag T settles the
 * tags between the watermark and T that are not among those. The first delivery sets the watermark just below its tag.
 * The usual case, one ack per delivery in delivery order, moves the watermark by one and allocates nothing.
 *
 * <p>Thread-safe: the connection's reader records deliveries ({@link #delivered}, lock-free after the first), the
 * threads that settle call {@link #settle} (synchronized; one thread per channel in the usual case, so uncontended).
 */
final class Settlements {
    /** the highest delivery tag seen; written by the reader thread only */
    private volatile long highest;
    /** the watermark is set (the first delivery or settlement was seen); lets deliveries skip the lock after that */
    private volatile boolean started;
    /** every tag up to here is settled (or was never ours to count); -1 before the first delivery; guarded by this */
    private long watermark = -1;
    /** tags above the watermark settled one by one, out of order; guarded by this */
    private final TreeSet<Long> above = new TreeSet<>();

    /** Deliveries: the watermark starts just below the first delivery seen (a recovered channel's tags go on). */
    Settlements() {
    }

    /**
     * Publisher confirms: a channel's publish sequence numbers start at 1 (on every channel the client opens, a
     * recovered one included), so the watermark starts at 0 and a confirm needs no delivery seen first.
     *
     * @return settlements of publish sequence numbers
     */
    static Settlements ofConfirms() {
        Settlements s = new Settlements();
        s.watermark = 0;
        s.started = true;
        return s;
    }

    /**
     * A delivery arrived (called before the consumer sees it, so before it can be settled).
     *
     * @param tag its delivery tag
     * @param autoAck whether the broker considers it settled already (no ack follows)
     */
    void delivered(long tag, boolean autoAck) {
        highest = tag;
        if (!started || autoAck) {
            startOrSettle(tag, autoAck);
        }
    }

    private synchronized void startOrSettle(long tag, boolean autoAck) {
        if (watermark < 0) {
            watermark = tag - 1;
            started = true;
        }
        if (autoAck) {
            settleOne(tag);
        }
    }

    /**
     * @param tag the tag acked, nacked or rejected; with {@code multiple}, 0 means every delivery so far
     * @param multiple whether it settles every unsettled delivery up to the tag
     * @return how many deliveries it settled now (0 for a tag settled before)
     */
    synchronized long settle(long tag, boolean multiple) {
        if (watermark < 0) {
            watermark = multiple ? 0 : tag - 1; // a settlement before any delivery was seen
            started = true;
        }
        if (!multiple) {
            return settleOne(tag) ? 1 : 0;
        }
        long upTo = tag == 0 ? highest : tag;
        if (upTo <= watermark) {
            return 0;
        }
        long settled = upTo - watermark;
        while (!above.isEmpty() && above.first() <= upTo) {
            above.pollFirst();
            settled--;
        }
        watermark = upTo;
        advance();
        return settled;
    }

    /** @return whether the tag was unsettled */
    private boolean settleOne(long tag) {
        if (tag == watermark + 1) {
            watermark = tag;
            advance();
            return true;
        }
        return tag > watermark && above.add(tag);
    }

    /** Moves the watermark over out-of-order settlements that now join it. */
    private void advance() {
        while (!above.isEmpty() && above.first() == watermark + 1) {
            watermark = above.pollFirst();
        }
    }

    /** @return how many settled tags are kept above the watermark (for tests) */
    synchronized int keptAbove() {
        return above.size();
    }
}
