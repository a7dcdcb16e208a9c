package dev.warren.bench;

/**
 * One measured value of one contender in one round.
 *
 * @param scenario publish, confirm, consume, latency or cost
 * @param size body size label (100B, 4KiB)
 * @param contender e.g. raw-bytes, warren-object
 * @param round measured round, from 0
 * @param metric e.g. {@link #RATE}, {@link #ALLOC}
 * @param value the value
 */
public record Sample(String scenario, String size, String contender, int round, String metric, double value) {
    /** throughput */
    public static final String RATE = "msg/s";
    /** bytes allocated per message by the publishing or consuming thread */
    public static final String ALLOC = "alloc B/msg";
    /** CPU time per message of the publishing or consuming thread */
    public static final String CPU = "cpu us/msg";
    /** throughput of a whole out-of-process contender (kombu), process start to exit */
    public static final String PROCESS_RATE = "process msg/s";
    /** latency median */
    public static final String P50 = "p50 us";
    /** latency 99th percentile */
    public static final String P99 = "p99 us";
}
