package dev.warren.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warren.Producer;
import dev.warren.PublishOptions;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runs Warren and the raw RabbitMQ client side by side in one JVM against one broker: for every round and
 * body size, each scenario runs all its contenders back to back, in an order rotated every round so no
 * contender always runs first. Writes results.md, results.csv, rounds.csv and results.png to the output
 * directory. Bounded: fixed message counts, a deadline per measurement; every queue and the exchange it
 * declares are deleted at the end.
 *
 * <p>{@code java -cp ... dev.warren.bench.BenchmarkMain --help} lists the options.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    /**
     * @param args see {@link BenchOptions#usage()}
     * @throws Exception when the broker fails or a measurement times out
     */
    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options);
    }

    /**
     * @param o the options
     * @return the results (also written to {@code o.out()})
     * @throws Exception when the broker fails or a measurement times out
     */
    public static ResultTable run(BenchOptions o) throws Exception {
        ResultTable table = new ResultTable();
        ObjectMapper mapper = new ObjectMapper();
        List<Payloads> payloads = o.sizes().stream().map(s -> Payloads.of(s, mapper)).toList();
        long started = System.nanoTime();
        table.fact("date", Instant.now().toString());
        table.fact("machine", Runtime.getRuntime().availableProcessors() + " cores (shared with other builds), "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", JVM flags "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        table.fact("options", String.join(" ", "rounds=" + o.rounds(), "warmup=" + o.warmupRounds(),
                "messages=" + o.messages(), "confirm-messages=" + o.confirmMessages(),
                "latency-messages=" + o.latencyMessages(), "rate=" + o.rate() + "/s", "sizes=" + o.sizes(),
                "prefetch=" + o.prefetch(), "manual ack", "persistent delivery mode, non-durable queues"));
        table.fact("confirms API in the core", confirmsApi());
        KombuContender kombu = o.kombu() ? new KombuContender(o.python(), o.uri()) : null;
        List<String> publishContenders = withKombu(PublishScenario.CONTENDERS, kombu, KombuContender.PUBLISH);
        List<String> consumeContenders = withKombu(ConsumeScenario.CONTENDERS, kombu, KombuContender.CONSUME);
        try (BrokerFixture broker = new BrokerFixture(o.uri()); KombuContender k = kombu) {
            table.fact("broker", o.uri().replaceAll("//[^@]*@", "//") + ", run id " + broker.runId());
            PublishScenario publish = new PublishScenario(broker, o.timeoutSeconds(), kombu);
            TracingScenario tracing = new TracingScenario(broker, o.timeoutSeconds());
            ConsumeScenario consume = new ConsumeScenario(broker, o.prefetch(), o.timeoutSeconds(), kombu);
            LatencyScenario latency = new LatencyScenario(broker, o.prefetch(), o.timeoutSeconds());
            for (int round = -o.warmupRounds(); round < o.rounds(); round++) {
                boolean measured = round >= 0;
                log("%s round %d", measured ? "measured" : "warm-up", round);
                for (Payloads p : payloads) {
                    if (o.runs("publish")) {
                        for (String c : rotate(publishContenders, round)) {
                            record(table, measured, "publish", p, c, round, publish.run(c, p, o.messages()));
                        }
                    }
                    if (o.runs("tracing")) {
                        for (String c : rotate(TracingScenario.CONTENDERS, round)) {
                            record(table, measured, "tracing", p, c, round, tracing.run(c, p, o.messages()));
                        }
                    }
                    if (o.runs("confirm")) {
                        for (String c : rotate(PublishScenario.CONFIRM_CONTENDERS, round)) {
                            record(table, measured, "confirm", p, c, round, publish.run(c, p, o.confirmMessages()));
                        }
                    }
                    if (o.runs("consume")) {
                        for (String c : rotate(consumeContenders, round)) {
                            record(table, measured, "consume", p, c, round, consume.run(c, p, o.messages()));
                        }
                    }
                    if (o.runs("latency")) {
                        for (String c : rotate(LatencyScenario.CONTENDERS, round)) {
                            double[] pct = latency.run(c, p, o.latencyMessages(), o.rate());
                            log("  latency %-5s %-8s p50 %8.0f us  p99 %8.0f us", p.label(), c, pct[0], pct[1]);
                            if (measured) {
                                table.add(new Sample("latency", p.label(), c, round, Sample.P50, pct[0]));
                                table.add(new Sample("latency", p.label(), c, round, Sample.P99, pct[1]));
                            }
                        }
                    }
                }
                if (round == -1) {
                    double heap = Allocation.heapAfterGcMiB();
                    table.fact("heap used after warm-up (after GC, whole benchmark JVM)",
                            ResultTable.fmt("%.1f MiB", heap));
                    table.add(new Sample("cost", "-", "jvm", 0, "heap after warm-up MiB", heap));
                }
            }
            if (o.runs("cost")) {
                for (String c : LatencyScenario.CONTENDERS) {
                    CostProbe probe = new CostProbe(broker.runId());
                    int n = o.latencyMessages(); // the probe keeps the connection open until it has sampled
                    latency.run(c, payloads.get(0), n, o.rate(), probe::sample);
                    log("  cost %-8s client: %d connection(s), %d channel(s); broker: %d connection(s), %d channel(s) %s",
                            c, probe.clientConnections, probe.clientChannels, probe.brokerConnections,
                            probe.brokerChannels, probe.brokerNote);
                    table.add(new Sample("cost", "-", c, 0, "connections (client view)", probe.clientConnections));
                    table.add(new Sample("cost", "-", c, 0, "channels (client view)", probe.clientChannels));
                    if (probe.brokerConnections >= 0) {
                        table.add(new Sample("cost", "-", c, 0, "connections (rabbitmqctl)", probe.brokerConnections));
                        table.add(new Sample("cost", "-", c, 0, "channels (rabbitmqctl)", probe.brokerChannels));
                    } else {
                        table.note("cost of " + c + ": " + probe.brokerNote);
                    }
                }
                table.note("Cost: each contender publishes at the offered rate on one channel and consumes on a second"
                        + " channel of the same connection; sampled half-way through the stream.");
            }
        }
        if (o.runs("idle")) {
            idle(table, o);
        }
        table.note("publish timing ends after a synchronous round trip on the publishing channel; the queue is then"
                + " checked to hold every message. consume timing runs from basic.consume to the N-th ack.");
        table.note("alloc B/msg and cpu us/msg: bytes allocated and CPU time per message of the publishing thread"
                + " (publish) or the consumer dispatch thread (consume), including the RabbitMQ client's own work on"
                + " that thread (not its I/O thread). CPU time is far less disturbed by other load on the machine"
                + " than msg/s, so its Warren/raw ratio is the steadier measure of Warren's own overhead.");
        if (kombu != null && !kombu.version().equals(KombuContender.NOT_RUN)) {
            table.fact("kombu", "Python kombu " + kombu.version() + " (" + o.python() + ", py-amqp transport), driven by"
                    + " this harness in the same rounds, same broker, sizes and prefetch");
            table.note("kombu-object / kombu-callback: msg/s timed inside Python (publish: first publish to the end of"
                    + " a synchronous round trip; consume: first to last message, after the interpreter, kombu and the"
                    + " connection are up); process msg/s: the whole Python process, start to exit; cpu us/msg: the"
                    + " Python process's CPU over the timed window.");
        }
        table.fact("duration", ResultTable.fmt("%.0f s", (System.nanoTime() - started) / 1e9));
        table.write(o.out());
        Chart.write(table, o.out().resolve("results.png"), "Warren vs raw amqp-client" + (kombu == null ? "" : " and kombu") + ", " + o.rounds()
                + " rounds, prefetch " + o.prefetch() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        log("wrote %s", o.out().toAbsolutePath());
        System.out.println(table.markdown());
        return table;
    }

    /** Heap per idle activation and the broker's connection count while they are active (see {@link IdleActivations}). */
    private static void idle(ResultTable table, BenchOptions o) throws Exception {
        try (BrokerFixture broker = new BrokerFixture(o.uri())) {
            IdleActivations.Measurement m = new IdleActivations(broker).run(o.uri(), o.idleActivations());
            log("  idle activations: %d, heap %.1f -> %.1f MiB after GC, %.1f KiB per activation; broker: %d"
                            + " connection(s), %d channel(s)", m.activations(), m.heapBeforeMiB(), m.heapAfterMiB(),
                    m.heapPerActivationKiB(), m.brokerConnections(), m.brokerChannels());
            table.add(new Sample("idle", "-", "idle-activations", 0, "heap per idle activation KiB", m.heapPerActivationKiB()));
            table.add(new Sample("idle", "-", "idle-activations", 0, "idle activations", m.activations()));
            table.add(new Sample("idle", "-", "idle-activations", 0, "connections (rabbitmqctl)", m.brokerConnections()));
            table.add(new Sample("idle", "-", "idle-activations", 0, "channels (rabbitmqctl)", m.brokerChannels()));
            table.note("Idle activations: the resource adapter without a container activates " + m.activations()
                    + " listeners (concurrency 1, prefetch 100, each on its own empty queue) after one warm-up"
                    + " activation; heap per activation = (heap used after GC with them - before) / N, which"
                    + " counts the adapter's and the RabbitMQ client's objects, not a container's MDB pool.");
        }
    }

    private static void record(ResultTable table, boolean measured, String scenario, Payloads p, String contender,
                               int round, Result r) {
        log("  %-8s %-5s %-24s %9.0f msg/s  %7.0f B/msg  %6.2f cpu us/msg", scenario, p.label(), contender,
                r.rate(), r.allocPerMessage(), r.cpuMicrosPerMessage());
        if (measured) {
            table.add(new Sample(scenario, p.label(), contender, round, Sample.RATE, r.rate()));
            table.add(new Sample(scenario, p.label(), contender, round, Sample.ALLOC, r.allocPerMessage()));
            table.add(new Sample(scenario, p.label(), contender, round, Sample.CPU, r.cpuMicrosPerMessage()));
            if (!Double.isNaN(r.processRate())) {
                table.add(new Sample(scenario, p.label(), contender, round, Sample.PROCESS_RATE, r.processRate()));
            }
        }
    }

    private static List<String> withKombu(List<String> contenders, KombuContender kombu, String kombuContender) {
        List<String> list = new ArrayList<>(contenders);
        if (kombu != null) {
            list.add(kombuContender);
        }
        return List.copyOf(list);
    }

    private static List<String> rotate(List<String> contenders, int round) {
        List<String> list = new ArrayList<>(contenders);
        Collections.rotate(list, Math.floorMod(round, list.size()));
        return list;
    }

    private static String confirmsApi() {
        boolean producer = Arrays.stream(Producer.class.getMethods()).anyMatch(m -> m.getName().startsWith("confirm"));
        boolean options = Arrays.stream(PublishOptions.class.getMethods())
                .anyMatch(m -> m.getName().startsWith("confirm"));
        return producer || options ? "present (Producer.confirms: " + producer + ", PublishOptions.confirm: " + options
                + "); the warren-*-confirm contenders use Producer.confirms(timeout)"
                : "absent on this commit";
    }

    private static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
        System.out.flush();
    }
}
