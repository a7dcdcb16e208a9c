package dev.warren.it.restart;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Every message id the restart MDB received, with how often. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Ids {
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    private volatile long lastDeliveryMillis;

    public void seen(String id) {
        seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        deliveries.incrementAndGet();
        lastDeliveryMillis = System.currentTimeMillis();
    }

    public Map<String, Integer> snapshot() {
        Map<String, Integer> out = new java.util.HashMap<>();
        seen.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public boolean contains(String id) {
        return seen.containsKey(id);
    }

    public long deliveries() {
        return deliveries.get();
    }

    public long lastDeliveryMillis() {
        return lastDeliveryMillis;
    }
}
