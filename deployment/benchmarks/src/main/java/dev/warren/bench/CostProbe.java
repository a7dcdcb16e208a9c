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
                return;
            }
            int connections = 0;
            int channels = 0;
            for (String line : lines) {
                // only the contender's connection: not the admin connection of the run
                if (line.contains("warren-bench-" + runId + "-cost-")) {
                    connections++;
                    channels += Integer.parseInt(line.trim().split("\\s+")[0]);
                }
            }
            brokerConnections = connections;
            brokerChannels = channels;
        } catch (Exception e) {
            brokerNote = "rabbitmqctl unavailable (" + e.getMessage() + ")";
        }
    }
}
