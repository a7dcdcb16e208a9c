package dev.warren.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Counts AMQP connections and channels while a contender streams messages: the client's own view (channels
 * opened on the contender's connection and still open) and the broker's (`rabbitmqctl list_connections
 * channels client_properties`, filtered to this run's connections), when rabbitmqctl is available.
 */
final class CostProbe {
    private final String runId;
    volatile int clientConnections = -1;
    volatile int clientChannels = -1;
    volatile int brokerConnections = -1;
    volatile int brokerChannels = -1;
    volatile String brokerNote = "";

    CostProbe(String runId) {
        this.runId = runId;
    }

    void sample(BrokerFixture.CountingConnection connection) {
        clientConnections = 1;
        clientChannels = connection.openChannels();
        // only the contender's connection: not the admin connection of the run
        int[] counts = brokerConnectionsNamed("warren-bench-" + runId + "-cost-");
        brokerConnections = counts[0];
        brokerChannels = counts[1];
    }

    /**
     * @param name part of the client-provided connection name
     * @return the broker's connections whose name contains it and their channels, or -1s (see {@link #brokerNote})
     *         when rabbitmqctl is unavailable
     */
    int[] brokerConnectionsNamed(String name) {
        try {
            Process p = new ProcessBuilder("rabbitmqctl", "-q", "list_connections", "--no-table-headers", "channels", "client_properties")
                    .redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                brokerNote = "rabbitmqctl failed: " + String.join(" ", lines);
                return new int[] {-1, -1};
            }
            int connections = 0;
            int channels = 0;
            for (String line : lines) {
                if (line.contains(name)) {
                    connections++;
                    channels += Integer.parseInt(line.trim().split("\\s+")[0]);
                }
            }
            return new int[] {connections, channels};
        } catch (Exception e) {
            brokerNote = "rabbitmqctl unavailable (" + e.getMessage() + ")";
            return new int[] {-1, -1};
        }
    }
}
