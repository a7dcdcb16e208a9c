package dev.warren.sample;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * What the message-driven beans processed, newest last, for {@code GET /api/processed}. Keeps the last
 * {@value #CAPACITY} entries. Thread-safe (the MDBs record from the server's WorkManager threads).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProcessedLog {
    static final int CAPACITY = 1000;

    private final Deque<Map<String, Object>> entries = new ConcurrentLinkedDeque<>();

    /** @param view a message view (see {@link MessageView}) */
    public void record(Map<String, Object> view) {
        entries.addLast(view);
        while (entries.size() > CAPACITY) {
            entries.pollFirst();
        }
    }

    /**
     * @param queue only entries consumed from this queue, or null for all
     * @return a snapshot, oldest first
     */
    public List<Map<String, Object>> entries(String queue) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            if (queue == null || queue.equals(e.get("queue"))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        entries.clear();
    }
}
