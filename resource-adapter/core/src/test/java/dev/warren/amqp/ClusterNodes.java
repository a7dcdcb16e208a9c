package dev.warren.amqp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The three-node loopback RabbitMQ cluster of {@code deployment/scripts/rabbit-cluster.sh}: node i (1..3) listens on
 * 127.0.0.1:base+i. The base port is {@code -Dwarren.cluster.port} (default 6800, outside the range the single
 * fault nodes pick from); the node names ({@code warren-cluster1..3}) are not used by any other test. Shared with the
 * end-to-end tests through the test jar. Runs must hold {@code /tmp/warren-heavy.lock}.
 */
public final class ClusterNodes implements AutoCloseable {
    private final Path script;
    private final int base;

    private ClusterNodes(Path script, int base) {
        this.script = script;
        this.base = base;
    }

    /** @return the cluster, started (idempotent) */
    public static ClusterNodes start() throws IOException, InterruptedException {
        ClusterNodes nodes = handle();
        nodes.run("start");
        return nodes;
    }

    /** @return a handle on the cluster, without starting it (e.g. from another class loader) */
    public static ClusterNodes handle() {
        Path dir = Path.of(System.getProperty("warren.scripts.dir", "../../deployment/scripts"));
        Path script = dir.resolve("rabbit-cluster.sh").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("missing " + script + " (set -Dwarren.scripts.dir)");
        }
        return new ClusterNodes(script, Integer.getInteger("warren.cluster.port", 6800));
    }

    /** @return the addresses property naming the three nodes, node 1 first */
    public String addresses() {
        return "127.0.0.1:" + port(1) + ",127.0.0.1:" + port(2) + ",127.0.0.1:" + port(3);
    }

    /** @param node 1..3 @return its AMQP port */
    public int port(int node) {
        return base + node;
    }

    /** @param port an AMQP port @return the node (1..3) listening there, or 0 for none of them */
    public int nodeOf(int port) {
        int node = port - base;
        return node >= 1 && node <= 3 ? node : 0;
    }

    /** @param node 1..3: graceful stop (marks the cluster {@link #disturbed()}) */
    public void stop(int node) throws IOException, InterruptedException {
        markDisturbed();
        run("stop", Integer.toString(node));
    }

    /** @param node 1..3: kill -9 (marks the cluster {@link #disturbed()}) */
    public void kill(int node) throws IOException, InterruptedException {
        markDisturbed();
        run("kill", Integer.toString(node));
    }

    /**
     * @return whether a node was stopped or killed since the last {@link #heal()}: a marker file, so that a test
     *         running in another class loader (in a container) is seen too
     */
    public boolean disturbed() {
        return Files.exists(marker());
    }

    /**
     * Starts every stopped node (each rejoins the cluster) and waits until the three run together and no quorum
     * queue is short of a member ({@code rabbit-cluster.sh heal}); clears {@link #disturbed()}.
     */
    public void heal() throws IOException, InterruptedException {
        run("heal");
        Files.deleteIfExists(marker());
    }

    /** Forgets a {@link #disturbed()} mark (after {@link #close()}, for the next run). */
    void clean() throws IOException {
        Files.deleteIfExists(marker());
    }

    private void markDisturbed() throws IOException {
        Files.createDirectories(marker().getParent());
        Files.writeString(marker(), "a node was stopped or killed\n");
    }

    private Path marker() {
        String dir = System.getenv().getOrDefault("WARREN_NODE_BASE", "/tmp/warren-rabbit-nodes");
        return Path.of(dir, prefix() + "-" + base + ".disturbed");
    }

    /** @param node 1..3: start again; it rejoins the cluster */
    public void restart(int node) throws IOException, InterruptedException {
        run("restart", Integer.toString(node));
    }

    /**
     * Asks the cluster (the first node that answers) which node a client connection is connected to.
     *
     * @param connectionName the client-provided connection name, exactly
     * @return the node (1..3), or 0 when no such connection is listed
     */
    public int nodeOfConnection(String connectionName) throws IOException, InterruptedException {
        IOException last = null;
        for (int node = 1; node <= 3; node++) {
            ProcessBuilder pb = new ProcessBuilder("rabbitmqctl", "-n", prefix() + node + "@localhost", "-q",
                    "list_connections", "port", "client_properties").redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                last = new IOException("rabbitmqctl list_connections on node " + node + " failed: " + out);
                continue;
            }
            for (String line : out.split("\n")) {
                if (line.contains("{\"connection_name\",\"" + connectionName + "\"}")) {
                    return nodeOf(Integer.parseInt(line.trim().split("\\s+")[0]));
                }
            }
            return 0;
        }
        throw last;
    }

    /**
     * Asks the cluster (the first node that answers) how many consumers a queue has.
     *
     * @param queue the queue's name
     * @return its consumer count, or -1 when the queue is not listed
     */
    public int consumers(String queue) throws IOException, InterruptedException {
        IOException last = null;
        for (int node = 1; node <= 3; node++) {
            ProcessBuilder pb = new ProcessBuilder("rabbitmqctl", "-n", prefix() + node + "@localhost", "-q",
                    "list_queues", "name", "consumers").redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                last = new IOException("rabbitmqctl list_queues on node " + node + " failed: " + out);
                continue;
            }
            for (String line : out.split("\n")) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length == 2 && cols[0].equals(queue)) {
                    return Integer.parseInt(cols[1]);
                }
            }
            return -1;
        }
        throw last;
    }

    private static String prefix() {
        return System.getenv().getOrDefault("WARREN_CLUSTER_NAME", "warren-cluster");
    }

    /** @return the script's status lines */
    public String status() throws IOException, InterruptedException {
        return run("status");
    }

    /** Stops the three nodes and deletes their data. */
    @Override
    public void close() throws IOException, InterruptedException {
        run("destroy");
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(Map.of("WARREN_CLUSTER_PORT", Integer.toString(base)));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("rabbit-cluster.sh " + String.join(" ", args) + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("rabbit-cluster.sh " + String.join(" ", args) + " failed (" + p.exitValue()
                    + "): " + text);
        }
        return text;
    }
}
