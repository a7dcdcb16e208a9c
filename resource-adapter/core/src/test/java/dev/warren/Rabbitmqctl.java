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
     * Force-closes every broker connection whose client-provided name is {@code name}.
     *
     * @param name the connection name given to ConnectionFactory.newConnection
     * @return how many were closed
     */
    public static int closeConnectionsNamed(String name) throws IOException, InterruptedException {
        int closed = 0;
        for (String line : run("list_connections", "pid", "client_properties")) {
            if (line.contains("\"" + name + "\"")) {
                String pid = line.substring(0, line.indexOf('\t')).trim();
                run("close_connection", pid, "closed by a Warren test");
                closed++;
            }
        }
        return closed;
    }
}
