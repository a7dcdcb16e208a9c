package dev.warren.benchc;

import dev.warren.Message;
import dev.warren.jca.WarrenBatchListener;

import java.util.List;

/**
 * What every batch benchmark MDB does (they differ only in their activation config): waits at the pre-filled
 * contenders' gate, reads every message's payload (decoded by the adapter before the call, as the per-message MDBs
 * decode theirs) and counts the batch; the adapter acks the batch after the transaction commits. Subclasses still
 * name the listener interface themselves: the container finds an MDB's messaging type among the interfaces its own
 * class declares.
 */
public abstract class BenchBatchListener implements WarrenBatchListener {
    @Override
    public void onMessages(List<Message> messages) {
        Deliveries.passGate();
        for (Message m : messages) {
            BenchListener.sink = m.payload();
        }
        Deliveries.tick(messages.size());
    }
}
