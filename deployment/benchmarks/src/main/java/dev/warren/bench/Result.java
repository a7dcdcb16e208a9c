package dev.warren.bench;

/**
 * What one contender run measured.
 *
 * @param messages messages moved
 * @param nanos elapsed time
 * @param allocBytes bytes allocated by the measured thread over the messages, or -1
 * @param cpuNanos CPU time of the measured thread over the messages, or -1
 * @param processRate for an out-of-process contender (kombu): messages per second of its whole process, start to
 *                    exit; NaN otherwise
 */
record Result(long messages, long nanos, long allocBytes, long cpuNanos, double processRate) {
    Result(long messages, long nanos, long allocBytes, long cpuNanos) {
        this(messages, nanos, allocBytes, cpuNanos, Double.NaN);
    }

    double cpuMicrosPerMessage() {
        return cpuNanos < 0 ? Double.NaN : cpuNanos / 1000.0 / messages;
    }

    double rate() {
        return messages * 1e9 / nanos;
    }

    double allocPerMessage() {
        return allocBytes < 0 ? Double.NaN : (double) allocBytes / messages;
    }
}
