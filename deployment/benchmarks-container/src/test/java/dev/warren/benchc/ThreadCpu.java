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
 * the bytes the threads allocated, the system (kernel) part of their CPU time, and their context switches (from
 * /proc), by the same groups: kernel time and switches tell wake-ups and socket writes from Java work. The kernel
 * part is the CPU time less the user time, which Linux splits by sampling at its clock tick: a statistical figure.
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
    private static Map<Long, Long> startUser = Map.of();
    private static Map<Long, Long> startAlloc = Map.of();
    private static Map<String, Long> startSwitches = Map.of();
    private static long processStart;
    private static String result = "";
    private static Map<String, Double> breakdown = Map.of();
    private static boolean ended = true;

    private ThreadCpu() {
    }

    static synchronized void begin(long processCpuNanos) {
        Snapshot s = snapshot();
        start = s.cpu;
        startUser = s.user;
        startAlloc = s.alloc;
        startSwitches = contextSwitches();
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
        Map<String, Long> system = new LinkedHashMap<>();
        long java = 0;
        for (Map.Entry<Long, Long> e : now.cpu.entrySet()) {
            long d = e.getValue() - start.getOrDefault(e.getKey(), 0L);
            long user = now.user.getOrDefault(e.getKey(), 0L) - startUser.getOrDefault(e.getKey(), 0L);
            java += d;
            String g = group(now.names.get(e.getKey()));
            sums.merge(g, d, Long::sum);
            system.merge(g, d - user, Long::sum);
        }
        sums.put("non-java", processCpuNanos - processStart - java);
        Map<String, Long> switches = new LinkedHashMap<>();
        contextSwitches().forEach((g, n) -> switches.put(g, n - startSwitches.getOrDefault(g, 0L)));
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
        for (String g : GROUPS.values()) {
            b.put("system " + g, system.getOrDefault(g, 0L) / 1e3 / messages);
            b.put("switches " + g, (double) switches.getOrDefault(g, 0L) / messages);
            b.put("preempted " + g, (double) switches.getOrDefault("preempted " + g, 0L) / messages);
        }
        breakdown = b;
        StringBuilder sb = new StringBuilder(" threads us/msg:");
        sums.keySet().forEach(g -> sb.append(String.format(Locale.ROOT, " %s %.2f", g, b.get(g))));
        appendGroups(sb, " alloc B/msg:", "%d", g -> b.get("alloc " + g).longValue());
        appendGroups(sb, " of it system us/msg:", "%.2f", g -> b.get("system " + g));
        appendGroups(sb, " context switches/msg:", "%.3f", g -> b.get("switches " + g));
        appendGroups(sb, " of them preempted:", "%.3f", g -> b.get("preempted " + g));
        result = sb.toString();
    }

    /**
     * @param key a key of {@link #breakdown()}
     * @return how a table shows its median: bytes whole, switches to a thousandth, µs to a tenth
     */
    static String format(String key) {
        return key.startsWith("alloc") ? "%.0f" : key.startsWith("switches") || key.startsWith("preempted") ? "%.3f"
                : "%.1f";
    }

    /** Appends a label, then each group's name and value in the format. */
    private static void appendGroups(StringBuilder sb, String label, String format,
                                     java.util.function.Function<String, Object> value) {
        sb.append(label);
        for (String g : GROUPS.values()) {
            sb.append(' ').append(g).append(' ').append(String.format(Locale.ROOT, format, value.apply(g)));
        }
    }

    /**
     * @return the last contender's CPU µs per message by thread group, then "alloc &lt;group&gt;" bytes, "system
     *         &lt;group&gt;" kernel µs, "switches &lt;group&gt;" and "preempted &lt;group&gt;" context switches per
     *         message (empty if it never ended)
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
            String prefix = g.getKey().substring(0, Math.min(15, g.getKey().length())); // /proc names: 15 chars
            if (name != null && name.startsWith(prefix)) {
                return g.getValue();
            }
        }
        return "other-java";
    }

    private record Snapshot(Map<Long, Long> cpu, Map<Long, Long> user, Map<Long, Long> alloc,
                            Map<Long, String> names) {
    }

    /**
     * @return context switches of this process's threads so far, summed by group (key: the group), and the
     *         involuntary ones among them (preempted; key: "preempted " + the group): read from
     *         /proc/self/task/&#42;/status, whose thread names are the Java names cut to 15 characters (empty where
     *         there is no /proc). A thread that ended since {@link #begin} takes its switches with it.
     */
    private static Map<String, Long> contextSwitches() {
        Map<String, Long> sums = new HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return sums;
        }
        for (java.io.File t : tasks) {
            try {
                String name = null;
                long voluntary = 0;
                long involuntary = 0;
                for (String line : java.nio.file.Files.readAllLines(t.toPath().resolve("status"))) {
                    if (line.startsWith("Name:")) {
                        name = line.substring(5).trim();
                    } else if (line.startsWith("voluntary_ctxt_switches:")) {
                        voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                        involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                sums.merge(group(name), voluntary + involuntary, Long::sum);
                sums.merge("preempted " + group(name), involuntary, Long::sum);
            } catch (java.io.IOException e) {
                // the thread ended between the listing and the read: it has nothing left to count
            }
        }
        return sums;
    }

    private static Snapshot snapshot() {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] user = THREADS.getThreadUserTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        Map<Long, Long> c = new HashMap<>();
        Map<Long, Long> u = new HashMap<>();
        Map<Long, Long> a = new HashMap<>();
        Map<Long, String> n = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] >= 0 && infos[i] != null) {
                c.put(ids[i], cpu[i]);
                u.put(ids[i], user[i]);
                a.put(ids[i], allocated[i]);
                n.put(ids[i], infos[i].getThreadName());
            }
        }
        return new Snapshot(c, u, a, n);
    }
}
