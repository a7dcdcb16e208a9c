package dev.warren.it.retry;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every delivery the retry MDBs received (when, and the x-warren-attempts it carried), and their successes. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Attempts {
    /** one delivery: when the bean got it, and its x-warren-attempts header (0 when absent) */
    public record Delivery(long millis, int attemptsHeader) {
    }

    private final Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> successes = new ConcurrentHashMap<>();

    public void delivered(String id, Object attemptsHeader) {
        deliveries.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(new Delivery(System.currentTimeMillis(),
                attemptsHeader instanceof Number n ? n.intValue() : 0));
    }

    public void succeeded(String id) {
        successes.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
    }

    public List<Delivery> deliveries(String id) {
        return List.copyOf(deliveries.getOrDefault(id, List.of()));
    }

    /** @return when the message first succeeded, or Long.MAX_VALUE */
    public long firstSuccessMillis(String id) {
        List<Long> s = successes.getOrDefault(id, List.of());
        return s.isEmpty() ? Long.MAX_VALUE : s.get(0);
    }

    public int successes(String id) {
        return successes.getOrDefault(id, List.of()).size();
    }
}
