package dev.warren.bench;

import java.lang.management.ManagementFactory;

/**
 * Per-thread allocation and CPU-time counters of HotSpot (com.sun.management): per-message garbage and CPU
 * cost of the measured thread, which other load on the machine disturbs far less than throughput.
 */
final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    /** @return bytes allocated so far by the calling thread, or -1 when unsupported */
    static long current() {
        try {
            return THREADS.getCurrentThreadAllocatedBytes();
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    /** @return CPU time used so far by the calling thread in ns, or -1 when unsupported */
    static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** @return heap used after a full GC, in MiB */
    static double heapAfterGcMiB() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
