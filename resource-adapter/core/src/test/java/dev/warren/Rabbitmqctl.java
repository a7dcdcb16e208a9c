package dev.warren;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs rabbitmqctl against the local broker, for tests that inspect or disturb their own connections. */
public final class Rabbitmqctl {
    private Rabbitmqctl() {
    }

    /**
     * @param args rabbitmqctl arguments
     * @return stdout lines
     */
    public static List<String> run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("rabbitmqctl " + String.join(" ", args) + " did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("rabbitmqctl " + String.join(" ", args) + " failed: " + out);
        }
        return out.lines().toList();
    }

    /**
     * Force-closes every broker connection whose client-provided name is exactly {@code name} (as an operator or
     * a network failure would).
     *
     * @param name the connection name given to ConnectionFactory.newConnection
     * @return the closed connections' pids
     */
    public static List<String> closeConnectionsNamed(String name) throws IOException, InterruptedException {
        List<String> pids = new ArrayList<>();
        for (String line : run("list_connections", "pid", "client_properties")) {
            if (line.contains("{\"connection_name\",\"" + name + "\"}")) {
                pids.add(line.trim().split("\\s+")[0]);
            }
        }
        for (String pid : pids) {
            run("close_connection", pid, "closed by a Warren test");
        }
        return pids;
    }
}
