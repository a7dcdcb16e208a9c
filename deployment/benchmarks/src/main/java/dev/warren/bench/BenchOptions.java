package dev.warren.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link BenchmarkMain}. Every run is bounded: message counts are fixed and every
 * wait has a deadline ({@link #timeoutSeconds}).
 *
 * @param uri broker URI (loopback only by default)
 * @param out directory for results.md, results.csv, rounds.csv and results.png
 * @param rounds measured rounds (the median is reported); one extra warm-up round runs first unless 0
 * @param warmupRounds unmeasured rounds before the measured ones
 * @param messages messages per publish / consume measurement
 * @param confirmMessages messages per publish-with-confirms measurement (one round trip each)
 * @param latencyMessages messages per latency measurement
 * @param rate offered rate of the latency measurement, msg/s
 * @param sizes body sizes in bytes (json bodies of exactly this length)
 * @param prefetch consumer prefetch (basic.qos), same for every contender
 * @param scenarios which scenarios to run: publish, confirm, consume, latency, cost, idle (default), tracing (opt-in)
 * @param timeoutSeconds deadline of each single measurement
 * @param kombu whether the Python kombu contenders run (publish and consume)
 * @param python the interpreter that imports kombu (Debian's /usr/bin/python3 with python3-kombu)
 * @param idleActivations activations of the idle scenario (heap per idle activation)
 */
public record BenchOptions(String uri, Path out, int rounds, int warmupRounds, int messages, int confirmMessages,
                           int latencyMessages, int rate, List<Integer> sizes, int prefetch, Set<String> scenarios,
                           int timeoutSeconds, boolean kombu, String python,
                           int idleActivations) {

    /** All scenarios run by default. */
    public static final List<String> ALL = List.of("publish", "confirm", "consume", "latency", "cost", "idle");
    /** Scenarios that run only when named: {@code tracing} (publish with trace context off and on). */
    public static final List<String> OPT_IN = List.of("tracing");

    /**
     * @param args the command line
     * @return the options
     */
    public static BenchOptions parse(String... args) {
        String uri = "amqp://guest:guest@127.0.0.1:5672/%2F";
        Path out = Path.of("results");
        int rounds = 5;
        int warmup = 1;
        int messages = 20_000;
        int confirmMessages = 2_000;
        int latencyMessages = 4_000;
        int rate = 2_000;
        List<Integer> sizes = List.of(100, 4096);
        int prefetch = 100;
        Set<String> scenarios = new LinkedHashSet<>(ALL);
        int timeout = 120;
        boolean kombu = true;
        String python = "/usr/bin/python3";
        int idleActivations = 200;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + a + " needs a value.\n" + usage());
            }
            String v = args[++i];
            switch (a) {
                case "--uri" -> uri = v;
                case "--out" -> out = Path.of(v);
                case "--rounds" -> rounds = positive(a, v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--messages" -> messages = positive(a, v);
                case "--confirm-messages" -> confirmMessages = positive(a, v);
                case "--latency-messages" -> latencyMessages = positive(a, v);
                case "--rate" -> rate = positive(a, v);
                case "--prefetch" -> prefetch = Integer.parseInt(v);
                case "--timeout" -> timeout = positive(a, v);
                case "--python" -> python = v;
                case "--idle-activations" -> idleActivations = positive(a, v);
                case "--kombu" -> {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new IllegalArgumentException("--kombu must be true or false, was '" + v + "'");
                    }
                    kombu = Boolean.parseBoolean(v);
                }
                case "--sizes" -> {
                    List<Integer> s = new ArrayList<>();
                    for (String p : v.split(",")) {
                        s.add(positive(a, p.trim()));
                    }
                    sizes = List.copyOf(s);
                }
                case "--scenarios" -> {
                    scenarios = new LinkedHashSet<>();
                    for (String p : v.split(",")) {
                        if (!ALL.contains(p.trim()) && !OPT_IN.contains(p.trim())) {
                            throw new IllegalArgumentException("Unknown scenario '" + p + "'; known: " + ALL
                                    + " and " + OPT_IN);
                        }
                        scenarios.add(p.trim());
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option " + a + "\n" + usage());
            }
        }
        if (!uri.contains("127.0.0.1") && !uri.contains("localhost")) {
            throw new IllegalArgumentException("Benchmarks only talk to a loopback broker; got " + uri);
        }
        return new BenchOptions(uri, out, rounds, warmup, messages, confirmMessages, latencyMessages, rate, sizes,
                prefetch, Set.copyOf(scenarios), timeout, kombu, python,
                idleActivations);
    }

    private static int positive(String option, String v) {
        int n = Integer.parseInt(v);
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be positive, was " + v);
        }
        return n;
    }

    /** @return the usage text */
    public static String usage() {
        return """
                Usage: BenchmarkMain [--uri amqp://guest:guest@127.0.0.1:5672/%2F] [--out results]
                  [--rounds 5] [--warmup 1] [--messages 20000] [--confirm-messages 2000]
                  [--latency-messages 4000] [--rate 2000] [--sizes 100,4096] [--prefetch 100]
                  [--scenarios publish,confirm,consume,latency,cost,idle[,tracing]] [--timeout 120]
                  [--kombu true] [--python /usr/bin/python3] [--idle-activations 200]""";
    }

    /** @param scenario a scenario name @return whether it runs */
    public boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }
}
