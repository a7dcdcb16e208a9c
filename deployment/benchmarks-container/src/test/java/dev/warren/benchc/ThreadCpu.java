package dev.warren.benchc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a contender's JVM CPU goes: the CPU time (user + system) of every live Java thread at the contender's start
 * and at its last delivery (before a raw contender closes its connection, whose threads would take their time with
 * them), summed by what the threads do; the rest of the process's CPU (GC, JIT, other native threads) is "non-java";
 * and the bytes the threads allocated, by the same groups.
 * One contender at a time (the benchmark runs them one after the other).
 */
final class ThreadCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** groups, by thread name prefix, in report order */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("AMQP Connection", "reader");
        GROUPS.put("orb-thread-pool", "workmanager");
        GROUPS.put("pool-", "client-pool");
        GROUPS.put("http-thread-pool", "test");
    }

    private static Map<Long, Long> start = Map.of();
    private static Map<Long, Long> startAlloc = Map.of();
    private static long processStart;
    private static String result = "";
    private static Map<String, Double> breakdown = Map.of();
    private static boolean ended = true;

    private ThreadCpu() {
    }

    static synchronized void begin(long processCpuNanos) {
        Snapshot s = snapshot();
        start = s.cpu;
        startAlloc = s.alloc;
        processStart = processCpuNanos;
        ended = false;
        result = "";
        breakdown = Map.of();
    }

    /** The contender's last delivery: the first call after {@link #begin} counts. */
    static synchronized void end(long processCpuNanos, int messages) {
        if (ended) {
            return;
        }
        ended = true;
        Snapshot now = snapshot();
        Map<String, Long> sums = new LinkedHashMap<>();
        for (String g : GROUPS.values()) {
            sums.put(g, 0L);
        }
        sums.put("other-java", 0L);
        long java = 0;
        for (Map.Entry<Long, Long> e : now.cpu.entrySet()) {
            long d = e.getValue() - start.getOrDefault(e.getKey(), 0L);
            java += d;
            sums.merge(group(now.names.get(e.getKey())), d, Long::sum);
        }
        sums.put("non-java", processCpuNanos - processStart - java);
        Map<String, Long> alloc = new LinkedHashMap<>();
        for (Map.Entry<Long, Long> e : now.alloc.entrySet()) {
            alloc.merge(group(now.names.get(e.getKey())), e.getValue() - startAlloc.getOrDefault(e.getKey(), 0L),
                    Long::sum);
        }
        Map<String, Double> b = new LinkedHashMap<>();
        sums.forEach((g, ns) -> b.put(g, ns / 1e3 / messages));
        for (String g : GROUPS.values()) {
            b.put("alloc " + g, (double) alloc.getOrDefault(g, 0L) / messages);
        }
        breakdown = b;
        StringBuilder sb = new StringBuilder(" threads us/msg:");
        sums.forEach((g, ns) -> sb.append(String.format(Locale.ROOT, " %s %.2f", g, ns / 1e3 / messages)));
        sb.append(" alloc B/msg:");
        for (String g : GROUPS.values()) {
            sb.append(String.format(Locale.ROOT, " %s %d", g, alloc.getOrDefault(g, 0L) / messages));
        }
        result = sb.toString();
    }

    /**
     * @return the last contender's CPU µs per message by thread group, then "alloc &lt;group&gt;" bytes per message
     *         (empty if it never ended)
     */
    static synchronized Map<String, Double> breakdown() {
        return breakdown;
    }

    /** @return the last contender's breakdown as a log text ("" if it never ended) */
    static synchronized String result() {
        return result;
    }

    private static String group(String name) {
        for (Map.Entry<String, String> g : GROUPS.entrySet()) {
            if (name != null && name.startsWith(g.getKey())) {
                return g.getValue();
            }
        }
        return "other-java";
    }

    private record Snapshot(Map<Long, Long> cpu, Map<Long, Long> alloc, Map<Long, String> names) {
    }

    private static Snapshot snapshot() {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        Map<Long, Long> c = new HashMap<>();
        Map<Long, Long> a = new HashMap<>();
        Map<Long, String> n = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] >= 0 && infos[i] != null) {
                c.put(ids[i], cpu[i]);
                a.put(ids[i], allocated[i]);
                n.put(ids[i], infos[i].getThreadName());
            }
        }
        return new Snapshot(c, a, n);
    }
}
