package dev.warren;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private RabbitMQ node the fault tests start, stop and kill through {@code deployment/scripts/rabbit-node.sh};
 * the shared broker on 5672 is never touched.
 */
public final class FaultNode implements AutoCloseable {
    private final String name;
    private final int port;
    private final Path script;
    private final java.util.Map<String, String> env;

    private FaultNode(String name, int port) {
        this(name, port, java.util.Map.of());
    }

    private FaultNode(String name, int port, java.util.Map<String, String> env) {
        this.env = java.util.Map.copyOf(env);
        this.name = name;
        this.port = port;
        Path dir = Path.of(System.getProperty("warren.scripts.dir", "../../deployment/scripts"));
        this.script = dir.resolve("rabbit-node.sh").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("missing " + script + " (set -Dwarren.scripts.dir)");
        }
    }

    /** @param name node name @param port AMQP port on 127.0.0.1 @return the started node */
    public static FaultNode start(String name, int port) throws IOException, InterruptedException {
        FaultNode node = new FaultNode(name, port);
        node.run("start", name, Integer.toString(port));
        return node;
    }

    /**
     * Starts a node on a free loopback port (its distribution port, port + 20000, free too), named after the
     * port, so parallel builds never share a node.
     *
     * @param prefix node name prefix
     * @return the started node
     */
    public static FaultNode startOnFreePort(String prefix) throws IOException, InterruptedException {
        return startOnFreePort(prefix, java.util.Map.of());
    }

    /**
     * Like {@link #startOnFreePort(String)}, with extra environment for {@code rabbit-node.sh} (its
     * {@code WARREN_NODE_CONF} and {@code WARREN_NODE_PLUGINS} hooks), kept for restarts.
     *
     * @param prefix node name prefix
     * @param env extra environment of the script
     * @return the started node
     */
    public static FaultNode startOnFreePort(String prefix, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 5700 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000);
            if (free(port) && free(port + 20000)) {
                FaultNode node = new FaultNode(prefix + port, port, env);
                node.run("start", node.name, Integer.toString(port));
                return node;
            }
        }
        throw new IOException("no free port pair for a private RabbitMQ node in 5700-6700");
    }

    /**
     * @param port a TCP port
     * @return whether nothing listens on it on the loopback address
     */
    public static boolean free(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort() == port;
        } catch (IOException inUse) {
            return false;
        }
    }

    /**
     * Picks a free loopback port pair and names a node after it without starting it (so a test can deploy
     * against a broker that is down, then {@link #restart()} it).
     *
     * @param prefix node name prefix
     * @return the (stopped) node
     */
    public static FaultNode prepareOnFreePort(String prefix) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 5700 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000);
            if (free(port) && free(port + 20000)) {
                return new FaultNode(prefix + port, port);
            }
        }
        throw new IOException("no free port pair for a private RabbitMQ node in 5700-6700");
    }

    /** @return a handle on a node another class loader prepared (same name and port) */
    public static FaultNode of(String name, int port) {
        return new FaultNode(name, port);
    }

    /** @return the node name (without @localhost) */
    public String name() {
        return name;
    }

    /** @return the AMQP port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return the AMQP URI of the node */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
    }

    /** Starts the node again after a stop or kill. */
    public void restart() throws IOException, InterruptedException {
        run("start", name, Integer.toString(port));
    }

    /** Graceful stop. */
    public void stop() throws IOException, InterruptedException {
        run("stop", name);
    }

    /** kill -9 of the node's VM. */
    public void kill() throws IOException, InterruptedException {
        run("kill", name);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("destroy", name);
    }

    /**
     * Runs rabbitmqctl against this node.
     *
     * @param args rabbitmqctl arguments
     * @return stdout lines
     */
    public List<String> rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("rabbitmqctl", "-q", "-n", name + "@localhost"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out.lines().toList();
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish in 150 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
