package dev.warren.jca;

/**
 * When a batch of a {@link WarrenBatchListener} activation is ready: once it holds {@code batchSize} messages, or
 * once {@code batchTimeout} passed since its first message arrived. Pure arithmetic on nanosecond timestamps; the
 * caller supplies the clock. Immutable, thread-safe.
 *
 * @param size messages per batch, at least 1
 * @param timeoutNanos how long the first message of a batch may wait for the batch to fill, at least 0
 */
record BatchRule(int size, long timeoutNanos) {

    BatchRule {
        if (size < 1 || timeoutNanos < 0) {
            throw new IllegalArgumentException("batch size " + size + " (at least 1), timeout " + timeoutNanos
                    + " ns (at least 0)");
        }
    }

    /**
     * @param size batchSize
     * @param timeoutMillis batchTimeout in milliseconds
     * @return the rule
     */
    static BatchRule of(int size, long timeoutMillis) {
        return new BatchRule(size, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }

    /** @param held messages in the batch @return whether the batch is full */
    boolean full(int held) {
        return held >= size;
    }

    /**
     * @param held messages in the batch so far (0: none, nothing to wait for)
     * @param firstArrival {@link System#nanoTime()} when its first message arrived
     * @param now {@link System#nanoTime()} now
     * @return how many nanoseconds to wait for more messages; 0 when the batch is to be delivered now (full, or its
     *         timeout elapsed) or is empty
     */
    long waitNanos(int held, long firstArrival, long now) {
        if (held == 0 || full(held)) {
            return 0;
        }
        long left = firstArrival + timeoutNanos - now; // nanoTime differences, overflow-safe
        return Math.max(0, left);
    }
}
