package dev.warren.wildfly.inbound;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What the message-driven beans saw, for the tests to check, and gates the tests open to let a bean finish. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Recorder {
    private final Map<String, List<Object>> records = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    public void record(String key, Object value) {
        records.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    public List<Object> get(String key) {
        return List.copyOf(records.getOrDefault(key, List.of()));
    }

    public int count(String key) {
        return records.getOrDefault(key, List.of()).size();
    }

    /**
     * Blocks the calling bean until the test opens the gate.
     *
     * @return whether the gate was opened within the time
     */
    public boolean await(String gate, long seconds) throws InterruptedException {
        return gates.computeIfAbsent(gate, g -> new CountDownLatch(1)).await(seconds, TimeUnit.SECONDS);
    }

    public void open(String gate) {
        gates.computeIfAbsent(gate, g -> new CountDownLatch(1)).countDown();
    }
}
