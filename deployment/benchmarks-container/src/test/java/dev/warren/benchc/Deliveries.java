package dev.warren.benchc;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts deliveries of the benchmark MDBs (same class loader as the test: static state is shared). */
public final class Deliveries {
    private static volatile AtomicInteger count = new AtomicInteger();
    private static volatile int expected = Integer.MAX_VALUE;
    private static volatile CountDownLatch done = new CountDownLatch(1);
    private static volatile long end;
    /** closed: consumers wait before their first delivery (pre-filled contenders: the queue fills meanwhile) */
    private static volatile CountDownLatch gate = new CountDownLatch(0);

    private Deliveries() {
    }

    static synchronized void expect(int n) {
        count = new AtomicInteger();
        expected = n;
        done = new CountDownLatch(1);
    }

    static void closeGate() {
        gate = new CountDownLatch(1);
    }

    static void openGate() {
        gate.countDown();
    }

    /** Waits while the gate is closed (at most a minute). */
    static void passGate() {
        try {
            gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void tick() {
        tick(1);
    }

    /** @param n deliveries at once (a batch) */
    static void tick(int n) {
        int now = count.addAndGet(n);
        if (now >= expected && now - n < expected) {
            end = System.nanoTime();
            done.countDown();
        }
    }

    /** @return the nanoTime of the last expected delivery */
    static long await(int seconds) throws Exception {
        if (!done.await(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("MDB received " + count.get() + " of " + expected + " in " + seconds + " s");
        }
        return end;
    }
}
