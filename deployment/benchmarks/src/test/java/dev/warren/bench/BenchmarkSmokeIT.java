package dev.warren.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny run of the whole harness (200 messages, one round, no warm-up) so the benchmark cannot rot: every
 * scenario and contender, the Python kombu ones included, must produce a positive figure, and the Markdown, CSV and
 * PNG files must be written. Not a measurement.
 */
class BenchmarkSmokeIT {

    @Test
    void tinyRunProducesTableCsvAndChartWithEveryContender() throws Exception {
        Path out = Path.of("target", "smoke-results");
        BenchOptions options = BenchOptions.parse("--uri", System.getProperty("warren.test.uri",
                        "amqp://guest:guest@127.0.0.1:5672/%2F"), "--out", out.toString(), "--rounds", "1", "--warmup", "0",
                "--messages", "200", "--confirm-messages", "50", "--latency-messages", "200", "--rate", "5000",
                "--timeout", "20", "--idle-activations", "5");
        ResultTable table = BenchmarkMain.run(options);

        for (String size : List.of("100B", "4KiB")) {
            for (String c : PublishScenario.CONTENDERS) {
                assertPositive(table, "publish", size, c, Sample.RATE);
            }
            for (String c : PublishScenario.CONFIRM_CONTENDERS) {
                assertPositive(table, "confirm", size, c, Sample.RATE);
            }
            for (String c : ConsumeScenario.CONTENDERS) {
                assertPositive(table, "consume", size, c, Sample.RATE);
            }
            // kombu, driven by the same harness: timed inside Python, and as a whole process
            assertPositive(table, "publish", size, KombuContender.PUBLISH, Sample.RATE);
            assertPositive(table, "publish", size, KombuContender.PUBLISH, Sample.PROCESS_RATE);
            assertPositive(table, "consume", size, KombuContender.CONSUME, Sample.RATE);
            assertPositive(table, "consume", size, KombuContender.CONSUME, Sample.PROCESS_RATE);
            for (String c : LatencyScenario.CONTENDERS) {
                assertPositive(table, "latency", size, c, Sample.P50);
                assertPositive(table, "latency", size, c, Sample.P99);
            }
        }
        for (String c : LatencyScenario.CONTENDERS) {
            assertEquals(1.0, table.value("cost", "-", c, "connections (client view)").orElse(-1), c);
            assertEquals(2.0, table.value("cost", "-", c, "channels (client view)").orElse(-1), c);
        }
        // idle activations share the adapter's one inbound connection: one channel each, plus the warm-up one
        assertEquals(1.0, table.value("idle", "-", "idle-activations", "connections (rabbitmqctl)").orElse(-1));
        assertEquals(6.0, table.value("idle", "-", "idle-activations", "channels (rabbitmqctl)").orElse(-1));
        assertTrue(table.value("idle", "-", "idle-activations", "heap per idle activation KiB").isPresent());
        // every throughput and latency pair has a ratio for both sizes (CPU pairs are left out: with 200 messages
        // the per-thread CPU clock can read 0 for a contender, and then there is no ratio to take)
        long pairs = Pair.ALL.stream().filter(p -> !p.metric().equals(Sample.CPU)).count();
        assertEquals(pairs * 2, table.ratios().stream().filter(r -> !r.pair().metric().equals(Sample.CPU)).count(),
                "a ratio for every throughput and latency pair and size");

        String md = Files.readString(out.resolve("results.md"));
        String csv = Files.readString(out.resolve("results.csv"));
        for (String c : List.of("raw-bytes", "raw-jackson", "warren-bytes", "warren-object", "warren-onmessage",
                "warren-callback", "raw-bytes-confirm", "warren-object-confirm", KombuContender.PUBLISH,
                KombuContender.CONSUME)) {
            assertTrue(md.contains("| " + c + " |"), "results.md lists " + c);
            assertTrue(csv.contains("," + c + ","), "results.csv lists " + c);
        }
        assertTrue(md.contains("Warren/raw"), md);
        assertTrue(md.contains("| warren-callback | kombu-callback | msg/s |"), "the Warren/kombu consume ratio: " + md);
        assertTrue(Files.size(out.resolve("results.png")) > 1000, "results.png written");
        assertTrue(Files.readAllLines(out.resolve("rounds.csv")).size() > 20, "rounds.csv written");
    }

    private static void assertPositive(ResultTable table, String scenario, String size, String contender,
                                       String metric) {
        double v = table.value(scenario, size, contender, metric).orElse(0);
        assertTrue(v > 0, scenario + " " + size + " " + contender + " " + metric + " = " + v);
    }
}
