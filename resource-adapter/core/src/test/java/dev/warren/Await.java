package dev.warren;

/**
 * Test helper: polls a condition until it holds or the time is up, for what the broker and the adapter's threads
 * settle asynchronously (deliveries, counts, consumers coming back).
 */
public final class Await {
    private static final long POLL_MILLIS = 20;

    /** A condition that may throw (a broker call, a management query). */
    @FunctionalInterface
    public interface Condition {
        /**
         * @return whether it holds now
         * @throws Exception what checking it threw: ends the wait
         */
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /**
     * @param millis how long to wait at most
     * @param condition checked every 20 ms, and once more when the time is up
     * @return whether it held in time
     * @throws Exception what the condition threw, or InterruptedException
     */
    public static boolean within(long millis, Condition condition) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return condition.holds();
    }
}
