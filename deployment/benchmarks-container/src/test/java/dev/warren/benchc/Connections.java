package dev.warren.benchc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The broker's count of AMQP connections whose client-provided name contains each of the given names, sampled with
 * {@code rabbitmqctl list_connections client_properties} after every step of the scaling scenario: the adapter's
 * connection count must not grow with concurrency or calling threads. Not thread-safe (the test thread samples).
 */
final class Connections {
    private final List<String> names;
    /** every count seen per name */
    private final Map<String, TreeSet<Integer>> seen = new LinkedHashMap<>();
    private int samples;

    Connections(String... names) {
        this.names = List.of(names);
        this.names.forEach(n -> seen.put(n, new TreeSet<>()));
    }

    /** @param step what just ran (for the log) */
    void sample(String step) {
        List<String> lines = listConnections();
        StringBuilder log = new StringBuilder("connections after ").append(step).append(':');
        for (String name : names) {
            int count = (int) lines.stream().filter(l -> l.contains(name)).count();
            seen.get(name).add(count);
            log.append(' ').append(name).append('=').append(count);
        }
        samples++;
        System.out.println(log);
    }

    /** @return whether every name was seen with one count only, and at least one connection */
    boolean fixed() {
        return samples > 0 && seen.values().stream().allMatch(s -> s.size() == 1 && s.first() > 0);
    }

    /** @return e.g. "outbound 1, inbound 1 at every step" (the counts seen per name, by the name's last word) */
    String summary() {
        StringBuilder b = new StringBuilder();
        seen.forEach((n, s) -> b.append(b.length() == 0 ? "" : ", ").append(n.substring(n.lastIndexOf('-') + 1))
                .append(' ').append(s.size() == 1 ? s.first().toString() : s.toString()));
        return b.append(fixed() ? " at every step" : " (changed)").toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("AMQP connections over " + samples + " samples:");
        seen.forEach((n, s) -> b.append(' ').append(n).append(' ').append(s.size() == 1 ? s.first().toString()
                : s.toString()));
        return b.toString();
    }

    /** @return the lines of rabbitmqctl list_connections client_properties, or none when it fails */
    static List<String> listConnections() {
        try {
            Process p = new ProcessBuilder("rabbitmqctl", "-q", "list_connections", "--no-table-headers",
                    "client_properties").redirectErrorStream(true).start();
            List<String> lines;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                lines = r.lines().toList();
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl list_connections failed: " + lines);
            }
            return lines;
        } catch (Exception e) {
            throw new IllegalStateException("cannot count the broker's connections with rabbitmqctl: " + e, e);
        }
    }
}
