package dev.warren.it.cluster;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Every message id the cluster MDB received, with how often. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterIds {
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();

    public void seen(String id) {
        seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        deliveries.incrementAndGet();
    }

    public Map<String, Integer> snapshot() {
        Map<String, Integer> out = new HashMap<>();
        seen.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public boolean contains(String id) {
        return seen.containsKey(id);
    }

    public long deliveries() {
        return deliveries.get();
    }
}
