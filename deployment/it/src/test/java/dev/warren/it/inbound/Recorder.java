package dev.warren.it.inbound;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the message-driven beans saw, for the tests to check. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Recorder {
    private final Map<String, List<Object>> records = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> current = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> max = new ConcurrentHashMap<>();

    public void record(String key, Object value) {
        records.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    public List<Object> get(String key) {
        return List.copyOf(records.getOrDefault(key, List.of()));
    }

    public int count(String key) {
        return records.getOrDefault(key, List.of()).size();
    }

    public void enter(String key) {
        int now = current.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        max.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
    }

    public void exit(String key) {
        current.get(key).decrementAndGet();
    }

    public int maxConcurrent(String key) {
        return max.getOrDefault(key, new AtomicInteger()).get();
    }
}
