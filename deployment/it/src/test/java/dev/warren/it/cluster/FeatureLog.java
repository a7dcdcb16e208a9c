package dev.warren.it.cluster;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the consumer-feature beans received, in the order their onMessage calls happened (one list for all beans),
 * and a gate that holds the high-priority bean. Thread-safe.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class FeatureLog {
    /** One onMessage call: which bean, the message id, the broker's redelivered flag, when (System.nanoTime). */
    public record Delivery(String bean, String id, boolean redelivered, long nanos) implements java.io.Serializable {
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** @param bean the receiving bean @param id message id @param redelivered the broker's flag */
    public void received(String bean, String id, boolean redelivered) {
        synchronized (deliveries) {
            deliveries.add(new Delivery(bean, id, redelivered, System.nanoTime()));
        }
    }

    /** @return the deliveries so far, in call order */
    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return new ArrayList<>(deliveries);
        }
    }

    /** Makes {@link #pass()} block until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets every {@link #pass()} through. */
    public void release() {
        gate.countDown();
    }

    /** Blocks the calling bean while held (at most 120 s, so a failed test cannot wedge the server). */
    public void pass() throws InterruptedException {
        if (!gate.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("FeatureLog gate held for 120 s");
        }
    }
}
