package dev.warren.benchc;

import dev.warren.Message;
import dev.warren.jca.WarrenListener;

/**
 * What every per-message benchmark MDB does (they differ only in their activation config, which annotations cannot
 * share): decodes the payload, kombu-style, keeps it where the JIT cannot drop the work, and counts the delivery; the
 * adapter acks after it returns. Subclasses still name the listener interface themselves: the container finds an
 * MDB's messaging type among the interfaces its own class declares.
 */
public abstract class BenchListener implements WarrenListener {
    /** the last decoded payload (the raw contenders write theirs here too) */
    static volatile Object sink;

    @Override
    public void onMessage(Message message) {
        sink = message.payload();
        Deliveries.tick();
    }
}
