package dev.warren.benchc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Phase 2 of the benchmarks, in embedded Payara against the real broker, contenders interleaved per round:
 * publish through a stateless EJB taking a pooled handle per message (with and without confirms) vs the raw
 * client Jackson-encoding the same map on one reused channel; MDB delivery at concurrency 1 and 4 vs raw consumers on 1 and 4 channels
 * (both measured end to end: a blast of N messages, time to the N-th delivery); a transactional handle per EJB call
 * vs the raw client committing an AMQP transaction in the same kind of EJB; scaling: MDBs of concurrency 1 to 16 and
 * the handle EJB called from 1 to 16 threads, with the broker's connection count sampled after every step. Writes
 * container.md, container.csv, scaling.csv and scaling.png next to the phase-1 results. Runs only with -Pbenchmark;
 * -Dbench.container.scenarios picks scenarios (publish, confirm, tx, mdb1, mdb4, scaling).
 */
@ExtendWith(ArquillianExtension.class)
public class ContainerBenchIT {
    static final String EXCHANGE = "warren-bench-c";
    static final String MDB_QUEUE = "warren-bench-c-mdb";
    static final int PREFETCH = 100;
    /** MDB at concurrency 4 with ackBatchSize=50: opt-in grouped acks, against raw consumers acking each message */
    private static final String BATCHED = "mdb-concurrency-4-ackbatch50";
    /** WarrenBatchListener MDBs: batchSize 50 (one call, transaction and multiple-ack per batch) */
    private static final String BATCH1 = "mdb-batch50-concurrency-1";
    private static final String BATCH4 = "mdb-batch50-concurrency-4";
    private static final String URI = "amqp://guest:guest@127.0.0.1:5672/%2F";
    /** MDB concurrency (maxSession) and EJB publishing threads of the scaling scenario */
    static final List<Integer> STEPS = List.of(1, 2, 4, 8, 16);
    private static final List<String> SCALING = scaling();
    private final Connections connections = new Connections(HandlePublisher.CONNECTION_NAME, "warren-bench-c-inbound");
    private final java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(16);

    private static List<String> scaling() {
        List<String> list = new ArrayList<>();
        STEPS.forEach(c -> list.add("mdb-c" + c));
        STEPS.forEach(t -> list.add("ejb-handle-t" + t));
        return List.copyOf(list);
    }

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        File f = new File(System.getProperty("warren.rar.file", "target/rar/warren.rar"));
        ResourceAdapterArchive rar = ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, f);
        String metrics = System.getProperty("bench.container.metrics", "true");
        if (!"true".equals(metrics)) { // -Dbench.container.metrics=false: the adapter property metrics=false in ra.xml
            String ra;
            try (java.io.InputStream in = rar.get("META-INF/ra.xml").getAsset().openStream()) {
                ra = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the rar's ra.xml", e);
            }
            String off = ra.replaceFirst("(<config-property-name>metrics</config-property-name>\\s*"
                    + "<config-property-type>java.lang.Boolean</config-property-type>\\s*<config-property-value>)true",
                    "$1false");
            if (off.equals(ra)) {
                throw new IllegalStateException("ra.xml has no metrics property set to true to turn off");
            }
            rar.delete("META-INF/ra.xml");
            rar.add(new org.jboss.shrinkwrap.api.asset.StringAsset(off), "META-INF/ra.xml");
        }
        return rar;
    }

    @Deployment(name = "app", order = 2)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "bench-container.war")
                .addClasses(ContainerBenchIT.class, Connections.class, ThreadCpu.class, Mdb2.class, Mdb8.class, Mdb16.class, HandlePublisher.class, RawChannelHolder.class,
                        RawChannelPublisher.class, RawDeliveryBean.class, Deliveries.class, BenchListener.class, BenchBatchListener.class, Mdb1.class, Mdb4.class,
                        Mdb4Batched.class, Mdb1Batch50.class, Mdb4Batch50.class, Mdb1Batch50Prefetch200.class,
                        Mdb4Batch50Prefetch200.class);
    }

    @EJB
    HandlePublisher publisher;

    @EJB
    RawChannelPublisher rawPublisher;

    @EJB
    RawDeliveryBean rawDeliveryBean;

    private final Map<String, List<Double>> rates = new LinkedHashMap<>();
    private final Map<String, List<Double>> ratios = new LinkedHashMap<>();
    /** CPU time of the whole benchmark JVM (Payara, adapter, raw clients; not the broker) per message. */
    private final Map<String, List<Double>> cpu = new LinkedHashMap<>();
    /**
     * Pre-filled contenders: CPU time of the whole JVM from opening the gate to the last delivery, per message - the
     * consuming alone, without the publishing that the per-contender figure includes.
     */
    private final Map<String, List<Double>> consumeCpu = new LinkedHashMap<>();
    /** per contender: {@link ThreadCpu#breakdown()} (CPU, allocation, kernel time, switches by group), per round */
    private final Map<String, Map<String, List<Double>>> threadCpu = new LinkedHashMap<>();
    /** process CPU nanoseconds of the last pre-filled contender's consuming window; -1 when none ran */
    private static volatile long windowCpuNanos = -1;
    /** process CPU nanoseconds when the last gate opened */
    private static volatile long gateCpuNanos;
    /** the same for the broker's process (see {@link #brokerCpuNanos}); -1 when it cannot be read */
    private static volatile long gateBrokerNanos = -1;
    private static volatile long windowBrokerNanos = -1;
    /** pre-filled contenders: the broker's CPU time while they consumed, per message */
    private final Map<String, List<Double>> brokerCpu = new LinkedHashMap<>();
    /** the broker's process: -Dbench.broker.pid, else the oldest beam.smp on this host; null if none is visible */
    private static final Long BROKER_PID = brokerPid();

    /**
     * Publishing contenders run on the calling thread (the EJB call is synchronous): its CPU time and allocation
     * per message are precise measures of the per-message work (EJB call, pool checkout, adapter, client).
     */
    private final Map<String, List<Double>> callerCpus = new LinkedHashMap<>();
    private final Map<String, List<Double>> callerAllocs = new LinkedHashMap<>();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    private static final java.lang.management.CompilationMXBean JIT =
            java.lang.management.ManagementFactory.getCompilationMXBean();
    /** per contender: the JIT's compilation time during its run, ms, per measured round */
    private final Map<String, List<Double>> jitMs = new LinkedHashMap<>();

    private static Long brokerPid() {
        String given = System.getProperty("bench.broker.pid");
        if (given != null && !given.isBlank()) {
            return Long.valueOf(given.trim());
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("beam.smp"))
                .min(java.util.Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.MAX)))
                .map(ProcessHandle::pid).orElse(null);
    }

    /** @return the broker process's CPU time (user + system, 10 ms ticks) from /proc, or -1 when unknown */
    private static long brokerCpuNanos() {
        if (BROKER_PID == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + BROKER_PID + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3 (state)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime, stime (fields 14, 15)
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Test
    @OperateOnDeployment("app")
    public void containerContendersAgainstRaw() throws Exception {
        int n = Integer.getInteger("bench.container.messages", 3000);
        int confirmN = Integer.getInteger("bench.container.confirm-messages", 500);
        int rounds = Integer.getInteger("bench.container.rounds", 5);
        int warmup = Integer.getInteger("bench.container.warmup", 2); // the EJB path needs JIT time
        List<String> scenarios = List.of(System.getProperty("bench.container.scenarios", "publish,confirm,tx,mdb1,mdb4,scaling")
                .split(","));
        // -Dbench.container.contenders=a,b: run only these of the scenarios' contenders (for profiling one path)
        List<String> only = List.of(System.getProperty("bench.container.contenders", "").split(",")).stream()
                .filter(x -> !x.isBlank()).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "/tmp/lolcat1.avi");
        body.put("size", 1301013);
        body.put("pad", "x".repeat(100 - 47));
        byte[] json = new ObjectMapper().writeValueAsBytes(body);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                .contentEncoding("utf-8").deliveryMode(2).priority(0).headers(Map.of()).build();
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        int outboundBefore = -1;
        int outboundAfter = -1;
        try (Connection raw = cf.newConnection("warren-bench-c-raw")) {
            Channel admin = raw.createChannel();
            admin.exchangeDeclare(EXCHANGE, "direct", true);
            String pubQueue = "warren-bench-c-pub";
            admin.queueDeclare(pubQueue, false, false, false, null);
            admin.queueBind(pubQueue, EXCHANGE, pubQueue);
            String rawQueue = "warren-bench-c-raw";
            admin.queueDeclare(rawQueue, false, false, false, null);
            admin.queueBind(rawQueue, EXCHANGE, rawQueue);
            Channel pub = raw.createChannel();
            Channel confirmPub = raw.createChannel();
            confirmPub.confirmSelect();
            publisher.publish(body, pubQueue, false); // warm the pools and the declare cache
            publisher.publish(body, pubQueue, true);
            rawPublisher.publish(body, pubQueue); // opens the raw channel of the ejb-raw-channel contender
            admin.queuePurge(pubQueue);
            for (int round = -warmup; round < rounds; round++) {
                List<String> order = scenarios;
                for (String scenario : order) {
                    List<String> pair = new ArrayList<>(switch (scenario) {
                        case "publish" -> List.of("raw-jackson", "ejb-raw-channel", "ejb-handle");
                        case "confirm" -> List.of("raw-jackson-confirm", "ejb-raw-channel-confirm", "ejb-handle-confirm");
                        case "prefilled1" -> List.of("raw-consumer-1ch-prefilled", BATCH1 + "-prefilled",
                                "raw-consumer-1ch-ack50-prefilled");
                        case "prefilled4" -> List.of("raw-consumer-4ch-prefilled", BATCH4 + "-prefilled",
                                "raw-consumer-4ch-ack50-prefilled");
                        case "prefetch1" -> List.of("raw-consumer-1ch-prefilled", BATCH1 + "-prefilled",
                                "raw-consumer-1ch-prefetch200-prefilled", BATCH1 + "-prefetch200-prefilled");
                        case "prefetch4" -> List.of("raw-consumer-4ch-prefilled", BATCH4 + "-prefilled",
                                "raw-consumer-4ch-prefetch200-prefilled", BATCH4 + "-prefetch200-prefilled");
                        case "mdb1" -> List.of("raw-consumer-1ch", "raw-consumer-ejb-1ch", "mdb-concurrency-1",
                                BATCH1);
                        case "tx" -> List.of("ejb-handle", "ejb-raw-channel-tx", "ejb-handle-tx");
                        case "scaling" -> SCALING;
                        case "mdb4" -> List.of("raw-consumer-4ch", "raw-consumer-ejb-4ch", "mdb-concurrency-4",
                                BATCHED, BATCH4);
                        default -> throw new IllegalArgumentException("Unknown scenario '" + scenario + "' in"
                                + " -Dbench.container.scenarios; known: publish, confirm, tx, mdb1, mdb4, prefilled1,"
                                + " prefilled4, prefetch1, prefetch4, scaling");
                    });
                    if (!only.isEmpty()) { // a profiling run of some contenders alone
                        pair.retainAll(only);
                    }
                    // the pair's base: its first raw consumer as listed (not as rotated), the same in every round
                    String base = pair.stream().filter(x -> x.startsWith("raw") && !x.contains("-ejb"))
                            .findFirst().orElse(null);
                    Collections.rotate(pair, Math.floorMod(round, pair.size()));
                    Map<String, Double> r = new LinkedHashMap<>();
                    for (String c : pair) {
                        long cpu0 = processCpuNanos();
                        ThreadCpu.begin(cpu0);
                        windowCpuNanos = -1;
                        windowBrokerNanos = -1;
                        long threadCpu0 = THREADS.getCurrentThreadCpuTime();
                        long jit0 = JIT.getTotalCompilationTime();
                        long alloc0 = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
                        double rate = switch (c) {
                            case "raw-jackson" -> publishRaw(pub, admin, pubQueue, body, props, n, false);
                            case "raw-jackson-confirm" -> publishRaw(confirmPub, admin, pubQueue, body, props, confirmN, true);
                            case "ejb-handle" -> publishEjb(admin, pubQueue, body, n, false);
                            case "ejb-raw-channel" -> publishEjbRaw(admin, pubQueue, body, n, false);
                            case "ejb-raw-channel-confirm" -> publishEjbRaw(admin, pubQueue, body, confirmN, true);
                            case "ejb-handle-confirm" -> publishEjb(admin, pubQueue, body, confirmN, true);
                            case "raw-consumer-1ch" -> consumeRaw(cf, pub, rawQueue, json, props, n, 1, null);
                            case "raw-consumer-4ch" -> consumeRaw(cf, pub, rawQueue, json, props, n, 4, null);
                            case "raw-consumer-ejb-1ch" -> consumeRaw(cf, pub, rawQueue, json, props, n, 1, rawDeliveryBean);
                            case "raw-consumer-ejb-4ch" -> consumeRaw(cf, pub, rawQueue, json, props, n, 4, rawDeliveryBean);
                            case "mdb-concurrency-1" -> consumeMdb(pub, MDB_QUEUE + "1", json, props, n);
                            case BATCHED -> consumeMdb(pub, MDB_QUEUE + "4b", json, props, n);
                            case BATCH1 -> consumeMdb(pub, MDB_QUEUE + "1batch", json, props, n);
                            case "raw-consumer-1ch-prefilled" -> consumeRaw(cf, pub, rawQueue, json, props, n, 1, null, true, PREFETCH);
                            case "raw-consumer-4ch-prefilled" -> consumeRaw(cf, pub, rawQueue, json, props, n, 4, null, true, PREFETCH);
                            case "raw-consumer-1ch-ack50-prefilled" -> consumeRaw(cf, pub, rawQueue, json, props, n, 1, null, true, PREFETCH, 50);
                            case "raw-consumer-4ch-ack50-prefilled" -> consumeRaw(cf, pub, rawQueue, json, props, n, 4, null, true, PREFETCH, 50);
                            case "raw-consumer-1ch-prefetch200-prefilled" -> consumeRaw(cf, pub, rawQueue, json, props, n, 1, null, true, 200);
                            case "raw-consumer-4ch-prefetch200-prefilled" -> consumeRaw(cf, pub, rawQueue, json, props, n, 4, null, true, 200);
                            case BATCH1 + "-prefilled" -> consumeMdbPrefilled(cf, pub, MDB_QUEUE + "1batch", json, props, n, 1, PREFETCH);
                            case BATCH4 + "-prefilled" -> consumeMdbPrefilled(cf, pub, MDB_QUEUE + "4batch", json, props, n, 4, PREFETCH);
                            case BATCH1 + "-prefetch200-prefilled" -> consumeMdbPrefilled(cf, pub, MDB_QUEUE + "1batch-p200", json, props, n, 1, 200);
                            case BATCH4 + "-prefetch200-prefilled" -> consumeMdbPrefilled(cf, pub, MDB_QUEUE + "4batch-p200", json, props, n, 4, 200);
                            case BATCH4 -> consumeMdb(pub, MDB_QUEUE + "4batch", json, props, n);
                            case "mdb-concurrency-4" -> consumeMdb(pub, MDB_QUEUE + "4", json, props, n);
                            case "ejb-raw-channel-tx" -> publishEjbRawTx(admin, pubQueue, body, n);
                            case "ejb-handle-tx" -> publishEjbTx(admin, pubQueue, body, n);
                            default -> scalingPoint(c, pub, admin, pubQueue, json, props, body, n);
                        };
                        if (scenario.equals("scaling")) {
                            connections.sample(c);
                        }
                        int sent = c.endsWith("-confirm") ? confirmN : n;
                        ThreadCpu.end(processCpuNanos(), sent);
                        double cpuPerMsg = (processCpuNanos() - cpu0) / 1e3 / sent;
                        double callerCpu = (THREADS.getCurrentThreadCpuTime() - threadCpu0) / 1e3 / sent;
                        double callerAlloc = (double) (THREADS.getThreadAllocatedBytes(Thread.currentThread().getId())
                                - alloc0) / sent;
                        long jit = JIT.getTotalCompilationTime() - jit0;
                        double windowCpu = windowCpuNanos < 0 ? Double.NaN : windowCpuNanos / 1e3 / sent;
                        double windowBroker = windowBrokerNanos < 0 ? Double.NaN : windowBrokerNanos / 1e3 / sent;
                        System.out.printf(Locale.ROOT, "container round %d %-20s %9.0f msg/s %7.2f JVM cpu us/msg"
                                + " %7.2f caller cpu us/msg %8.0f caller B/msg %5d jit ms%s%s%n", round, c, rate,
                                cpuPerMsg, callerCpu, callerAlloc, jit,
                                Double.isNaN(windowCpu) ? "" : String.format(Locale.ROOT,
                                        " %7.2f consume cpu us/msg %7.2f broker cpu us/msg", windowCpu, windowBroker),
                                ThreadCpu.result());
                        r.put(c, rate);
                        if (round >= 0) {
                            rates.computeIfAbsent(c, k -> new ArrayList<>()).add(rate);
                            cpu.computeIfAbsent(c, k -> new ArrayList<>()).add(cpuPerMsg);
                            jitMs.computeIfAbsent(c, k -> new ArrayList<>()).add((double) jit);
                            ThreadCpu.breakdown().forEach((g, v) -> threadCpu.computeIfAbsent(c, k -> new LinkedHashMap<>())
                                    .computeIfAbsent(g, k -> new ArrayList<>()).add(v));
                            if (!Double.isNaN(windowCpu)) {
                                consumeCpu.computeIfAbsent(c, k -> new ArrayList<>()).add(windowCpu);
                            }
                            if (!Double.isNaN(windowBroker)) {
                                brokerCpu.computeIfAbsent(c, k -> new ArrayList<>()).add(windowBroker);
                            }
                            if (scenario.equals("publish") || scenario.equals("confirm") || scenario.equals("tx")) {
                                callerCpus.computeIfAbsent(c, k -> new ArrayList<>()).add(callerCpu);
                                callerAllocs.computeIfAbsent(c, k -> new ArrayList<>()).add(callerAlloc);
                            }
                        }
                    }
                    if (round >= 0) {
                        for (String c : pair) {
                            if (base != null && !c.equals(base)) {
                                ratio(r, c, base);
                            }
                        }
                        for (String c : List.of("1", "4")) {
                            // the batch MDB against the raw client's grouped acks, and like for like at prefetch 200
                            ratio(r, "mdb-batch50-concurrency-" + c + "-prefilled", "raw-consumer-" + c + "ch-ack50-prefilled");
                            ratio(r, "mdb-batch50-concurrency-" + c + "-prefetch200-prefilled",
                                    "raw-consumer-" + c + "ch-prefetch200-prefilled");
                        }
                        // the adapter's own cost inside the container: against the raw client paying the same
                        // container work per message
                        for (String suffix : List.of("", "-confirm", "-tx")) {
                            ratio(r, "ejb-handle" + suffix, "ejb-raw-channel" + suffix);
                        }
                        ratio(r, "ejb-handle-tx", "ejb-handle");
                        for (String c : List.of("1", "4")) {
                            for (String mdb : List.of("mdb-concurrency-" + c, BATCHED, "mdb-batch50-concurrency-" + c)) {
                                ratio(r, mdb, "raw-consumer-ejb-" + c + "ch");
                            }
                        }
                    }
                }
                if (round == -warmup) {
                    outboundBefore = connectionsNamed(HandlePublisher.CONNECTION_NAME);
                }
            }
            outboundAfter = connectionsNamed(HandlePublisher.CONNECTION_NAME);
            admin.queueDelete(pubQueue);
            admin.queueDelete(rawQueue);
        }
        callers.shutdownNow();
        write(n, confirmN, rounds, warmup, outboundBefore, outboundAfter);
        if (scenarios.contains("scaling")) {
            writeScaling();
            assertTrue(connections.fixed(), "AMQP connections stay fixed while scaling: " + connections);
        }
        assertTrue(!rates.isEmpty(), "no scenario ran: check -Dbench.container.scenarios");
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            assertTrue(median(e.getValue()) > 0, e.getKey());
        }
        assertEquals(outboundBefore, outboundAfter, "outbound AMQP connections stay fixed during the run");
    }

    /** The raw baseline doing the same work as the EJB: Jackson-encode the map, publish on a reused channel. */
    private static double publishRaw(Channel ch, Channel admin, String queue, Map<String, Object> body,
                                     AMQP.BasicProperties props, int n, boolean confirm) throws Exception {
        admin.queuePurge(queue);
        ObjectMapper mapper = new ObjectMapper();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ch.basicPublish(EXCHANGE, queue, false, props, mapper.writeValueAsBytes(body));
            if (confirm) {
                ch.waitForConfirmsOrDie(10_000);
            }
        }
        awaitCount(admin, queue, n);
        return n * 1e9 / (System.nanoTime() - t0);
    }

    private double publishEjb(Channel admin, String queue, Map<String, Object> body, int n, boolean confirm)
            throws Exception {
        admin.queuePurge(queue);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            publisher.publish(body, queue, confirm);
        }
        awaitCount(admin, queue, n);
        return n * 1e9 / (System.nanoTime() - t0);
    }

    /** The raw client inside the same kind of EJB: one EJB call per message, one reused raw channel. */
    private double publishEjbRaw(Channel admin, String queue, Map<String, Object> body, int n, boolean confirm)
            throws Exception {
        admin.queuePurge(queue);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (confirm) {
                rawPublisher.publishConfirmed(body, queue);
            } else {
                rawPublisher.publish(body, queue);
            }
        }
        awaitCount(admin, queue, n);
        return n * 1e9 / (System.nanoTime() - t0);
    }

    /** Adds this round's {@code numerator / denominator} to {@link #ratios} when both ran in it. */
    private void ratio(Map<String, Double> round, String numerator, String denominator) {
        if (round.containsKey(numerator) && round.containsKey(denominator)) {
            ratios.computeIfAbsent(numerator + " / " + denominator, k -> new ArrayList<>())
                    .add(round.get(numerator) / round.get(denominator));
        }
    }

    /**
     * Raw consumers on their OWN connection (as the MDBs have the adapter's inbound connection), so consuming does
     * not share a connection - and the broker's flow control on it - with the publishing blast.
     */
    private static double consumeRaw(ConnectionFactory cf, Channel pub, String queue, byte[] json,
                                     AMQP.BasicProperties props, int n, int channels, RawDeliveryBean bean)
            throws Exception {
        return consumeRaw(cf, pub, queue, json, props, n, channels, bean, false, PREFETCH);
    }

    /**
     * @param prefilled the consumers wait at a gate before their first delivery until the queue holds all n (less
     *        the prefetch they took); the time runs from opening the gate: consuming alone, without the publishing
     * @param prefetch basic.qos of each consumer channel
     */
    private static double consumeRaw(ConnectionFactory cf, Channel pub, String queue, byte[] json,
                                     AMQP.BasicProperties props, int n, int channels, RawDeliveryBean bean,
                                     boolean prefilled, int prefetch) throws Exception {
        return consumeRaw(cf, pub, queue, json, props, n, channels, bean, prefilled, prefetch, 1);
    }

    /**
     * @param ackEvery 1: an ack per message; above 1: one multiple-ack per that many messages of a channel (and its
     *        last tag at the end) - the raw client's ceiling for what a batch MDB's grouped ack can save
     */
    private static double consumeRaw(ConnectionFactory cf, Channel pub, String queue, byte[] json,
                                     AMQP.BasicProperties props, int n, int channels, RawDeliveryBean bean,
                                     boolean prefilled, int prefetch, int ackEvery) throws Exception {
        try (Connection raw = cf.newConnection("warren-bench-c-raw-consumer")) {
            return consumeRaw(raw, pub, queue, json, props, n, channels, bean, prefilled, prefetch, ackEvery);
        }
    }

    /**
     * The batch MDB draining a pre-filled queue: its bean waits at the gate until the queue holds all n (less what
     * its consumers' prefetch took).
     */
    private static double consumeMdbPrefilled(ConnectionFactory cf, Channel pub, String routingKey, byte[] json,
                                              AMQP.BasicProperties props, int n, int consumers, int prefetch)
            throws Exception {
        Deliveries.expect(n);
        Deliveries.closeGate();
        for (int i = 0; i < n; i++) {
            pub.basicPublish(EXCHANGE, routingKey, false, props, json);
        }
        long t0 = openWhenFilled(cf, routingKey, n - prefetch * consumers);
        long end = Deliveries.await(120);
        closeWindow();
        return n * 1e9 / (end - t0);
    }

    /** Pre-filled contenders: the consuming window starts (the gate is about to open). */
    private static void openWindow() {
        gateBrokerNanos = brokerCpuNanos();
        gateCpuNanos = processCpuNanos();
    }

    /** Pre-filled contenders: the last message was delivered; records the window's CPU times. */
    private static void closeWindow() {
        windowCpuNanos = processCpuNanos() - gateCpuNanos;
        long broker = brokerCpuNanos();
        windowBrokerNanos = broker < 0 || gateBrokerNanos < 0 ? -1 : broker - gateBrokerNanos;
    }

    /** @return when the gate opened, once the queue held {@code ready} messages */
    private static long openWhenFilled(ConnectionFactory cf, String queue, int ready) throws Exception {
        try (Connection c = cf.newConnection("warren-bench-c-probe"); Channel ch = c.createChannel()) {
            awaitCount(ch, queue, ready);
        }
        openWindow();
        long t0 = System.nanoTime();
        Deliveries.openGate();
        return t0;
    }

    /** @param bean null: decode in the consumer; else hand each body to this EJB (a container call per message) */
    private static double consumeRaw(Connection raw, Channel pub, String queue, byte[] json, AMQP.BasicProperties props,
                                     int n, int channels, RawDeliveryBean bean, boolean prefilled, int prefetch,
                                     int ackEvery) throws Exception {
        if (prefilled) {
            Deliveries.closeGate();
        }
        AtomicInteger count = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        long[] end = {0};
        ObjectMapper mapper = new ObjectMapper();
        List<Channel> chs = new ArrayList<>();
        long[] lastTags = new long[channels]; // written by each channel's dispatch, read after done (latch: visible)
        for (int c = 0; c < channels; c++) {
            Channel ch = raw.createChannel();
            ch.basicQos(prefetch);
            int index = c;
            ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                private int held;

                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties p, byte[] b)
                        throws java.io.IOException {
                    Deliveries.passGate();
                    if (bean == null) {
                        BenchListener.sink = mapper.readValue(b, Object.class); // decodes, as the MDBs do
                    } else {
                        try {
                            bean.onMessage(b);
                        } catch (Exception e) {
                            throw new java.io.IOException("the delivery bean failed", e);
                        }
                    }
                    if (ackEvery == 1) {
                        getChannel().basicAck(env.getDeliveryTag(), false);
                    } else if (++held == ackEvery) {
                        getChannel().basicAck(env.getDeliveryTag(), true);
                        held = 0;
                        lastTags[index] = 0;
                    } else {
                        lastTags[index] = env.getDeliveryTag();
                    }
                    if (count.incrementAndGet() == n) {
                        end[0] = System.nanoTime();
                        done.countDown();
                    }
                }
            });
            chs.add(ch);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            pub.basicPublish(EXCHANGE, queue, false, props, json);
        }
        if (prefilled) {
            try (Channel probe = raw.createChannel()) {
                awaitCount(probe, queue, n - prefetch * channels);
            }
            openWindow();
            t0 = System.nanoTime();
            Deliveries.openGate();
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("raw consumers got " + count.get() + " of " + n);
        }
        if (prefilled) {
            closeWindow();
        }
        ThreadCpu.end(processCpuNanos(), n); // before the connection's threads end with it
        for (int c = 0; c < channels; c++) {
            if (lastTags[c] != 0) {
                chs.get(c).basicAck(lastTags[c], true); // what each channel still holds: none goes back to the queue
            }
            chs.get(c).close();
        }
        return n * 1e9 / (end[0] - t0);
    }

    private static double consumeMdb(Channel pub, String routingKey, byte[] json, AMQP.BasicProperties props, int n)
            throws Exception {
        Deliveries.expect(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            pub.basicPublish(EXCHANGE, routingKey, false, props, json);
        }
        long end = Deliveries.await(120);
        return n * 1e9 / (end - t0);
    }

    /** A transactional handle per message: the EJB's container transaction covers the publish (tx.select/commit). */
    private double publishEjbTx(Channel admin, String queue, Map<String, Object> body, int n) throws Exception {
        admin.queuePurge(queue);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            publisher.publishInTransaction(body, queue);
        }
        awaitCount(admin, queue, n);
        return n * 1e9 / (System.nanoTime() - t0);
    }

    /** The raw client inside the same kind of EJB, one AMQP transaction (publish + tx.commit) per call. */
    private double publishEjbRawTx(Channel admin, String queue, Map<String, Object> body, int n) throws Exception {
        admin.queuePurge(queue);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            rawPublisher.publishTx(body, queue);
        }
        awaitCount(admin, queue, n);
        return n * 1e9 / (System.nanoTime() - t0);
    }

    /** mdb-cN: the MDB of concurrency N, end to end; ejb-handle-tN: N threads calling the handle EJB, n in all. */
    private double scalingPoint(String c, Channel pub, Channel admin, String queue, byte[] json,
                                AMQP.BasicProperties props, Map<String, Object> body, int n) throws Exception {
        if (c.startsWith("mdb-c")) {
            return consumeMdb(pub, MDB_QUEUE + c.substring("mdb-c".length()), json, props, n);
        }
        if (!c.startsWith("ejb-handle-t")) {
            throw new IllegalArgumentException("unknown contender " + c);
        }
        int threads = Integer.parseInt(c.substring("ejb-handle-t".length()));
        admin.queuePurge(queue);
        List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int share = n / threads + (t < n % threads ? 1 : 0);
            calls.add(callers.submit(() -> {
                for (int i = 0; i < share; i++) {
                    publisher.publish(body, queue, false);
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : calls) {
            f.get(120, TimeUnit.SECONDS);
        }
        awaitCount(admin, queue, n);
        return n * 1e9 / (System.nanoTime() - t0);
    }

    /** results/scaling.png and scaling.csv: median msg/s and JVM CPU per message at every step. */
    private void writeScaling() throws Exception {
        Path dir = Path.of(System.getProperty("bench.out", "target/bench-container"));
        Map<String, Map<String, Double>> sections = new LinkedHashMap<>();
        Map<String, Double> mdb = new LinkedHashMap<>();
        Map<String, Double> ejb = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("contender,steps,median_msg_s,median_jvm_cpu_us_per_msg,rounds\n");
        for (int step : STEPS) {
            mdb.put("MDB, concurrency (maxSession) " + step, median(rates.get("mdb-c" + step)));
            ejb.put("EJB publish, pooled handle per message, " + step + " thread(s)",
                    median(rates.get("ejb-handle-t" + step)));
            for (String c : List.of("mdb-c" + step, "ejb-handle-t" + step)) {
                csv.append(c).append(',').append(step).append(',')
                        .append(String.format(Locale.ROOT, "%.1f", median(rates.get(c)))).append(',')
                        .append(String.format(Locale.ROOT, "%.2f", median(cpu.get(c)))).append(',')
                        .append(rates.getOrDefault(c, List.of()).size()).append('\n');
            }
        }
        sections.put("MDB consume + ack per message, msg/s (median)", mdb);
        sections.put("EJB publish from N threads, msg/s (median)", ejb);
        csv.append("\nconnections,").append(connections).append('\n');
        Files.writeString(dir.resolve("scaling.csv"), csv.toString(), StandardCharsets.UTF_8);
        dev.warren.bench.Chart.bars(dir.resolve("scaling.png"), "Warren in embedded Payara, "
                + Runtime.getRuntime().availableProcessors() + " cores; AMQP connections " + connections.summary(),
                sections);
        System.out.println(csv);
    }

    private static void awaitCount(Channel admin, String queue, int n) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (admin.queueDeclarePassive(queue).getMessageCount() < n) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(queue + " did not reach " + n + " messages");
            }
            Thread.sleep(2);
        }
    }

    private static int connectionsNamed(String name) {
        return (int) Connections.listConnections().stream().filter(l -> l.contains(name)).count();
    }

    /** @return median, min and max formatted, or "n/a" three times */
    private static List<String> spread(List<Double> v) {
        if (v == null || v.isEmpty()) {
            return List.of("n/a", "n/a", "n/a");
        }
        return List.of(String.format(Locale.ROOT, "%.2f", median(v)), String.format(Locale.ROOT, "%.2f",
                Collections.min(v)), String.format(Locale.ROOT, "%.2f", Collections.max(v)));
    }

    private static double median(List<Double> v) {
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int k = s.size();
        return k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
    }

    private void write(int n, int confirmN, int rounds, int warmup, int before, int after) throws Exception {
        Path dir = Path.of(System.getProperty("bench.out", "target/bench-container"));
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# Warren in embedded Payara vs raw amqp-client\n\n");
        md.append("- ").append(rounds).append(" measured rounds (+").append(warmup).append(" warm-up), ").append(n).append(" messages (")
                .append(confirmN).append(" with confirms), 100-byte json, prefetch ").append(PREFETCH)
                .append(", manual ack; EJB (default REQUIRED transaction): a pooled handle per message, publish(map)"
                        + " (NoTransaction factory, maxPoolSize 8; confirmed: a second factory with publisherConfirms=true) vs the raw client Jackson-encoding the map on one"
                        + " reused channel; ejb-raw-channel: a stateless EJB (same REQUIRED default) called per message"
                        + " that Jackson-encodes the map on ONE reused raw channel (plain ConnectionFactory, held by a"
                        + " @Singleton) - the container's cost without the adapter's\n");
        md.append("- MDB and raw consumers decode the json body; consume is measured end to end (blast N, time to the"
                + " N-th delivery); raw consumers have their own connection, as the MDBs have the adapter's inbound"
                + " one; raw-consumer-ejb-Nch: raw consumers that hand each body to a stateless EJB (default REQUIRED,"
                + " as an MDB's onMessage) and ack after it returns - the container's per-message cost without the"
                + " adapter's; " + BATCHED + ": the concurrency-4 MDB with the opt-in ackBatchSize=50 (one"
                + " multiple-ack per 50 messages, or per drain), while every raw consumer acks each message;"
                + " mdb-batch50-concurrency-N: a WarrenBatchListener MDB with batchSize=50, batchTimeout=20 ms (one"
                + " container call, one transaction and one multiple-ack per 50 messages; payloads decoded by the"
                + " adapter, read by the bean)\n");
        md.append("- tx: ejb-handle-tx takes a handle from a LocalTransaction factory per EJB call, so the channel joins"
                + " the container transaction (tx.select, publish, tx.commit) and the pool cleans it up after;"
                + " ejb-raw-channel-tx: the same EJB shape publishing + tx.commit on ONE raw channel in tx mode\n");
        md.append("- scaling: mdb-cN is an MDB with concurrency (maxSession) N, end to end; ejb-handle-tN: N threads"
                + " calling the ejb-handle EJB, N messages in all; see scaling.csv / scaling.png\n");
        md.append("- JVM cpu µs/msg: CPU time of the whole benchmark JVM (Payara, adapter, raw clients; not the"
                + " broker) during the contender's run, per message (10 ms clock granularity)\n");
        md.append("- JIT ms: the JVM's compilation time during a contender's run (median over rounds; `jit ms` per"
                + " round in the log). Payara's code keeps the compiler busy for many rounds, and on 2 cores a"
                + " compilation competes with whichever contender runs then\n");
        md.append("- outbound AMQP connections named ").append(HandlePublisher.CONNECTION_NAME).append(": ")
                .append(before).append(" after warm-up, ").append(after).append(" at the end\n\n");
        md.append("| contender | median msg/s | JVM cpu µs/msg (median) | JIT ms (median) | rounds |\n"
                + "|---|---:|---:|---:|---:|\n");
        StringBuilder csv = new StringBuilder("contender,median_msg_s,median_jvm_cpu_us_per_msg,rounds,median_jit_ms\n");
        rates.forEach((c, v) -> {
            md.append("| ").append(c).append(" | ").append(String.format(Locale.ROOT, "%.0f", median(v)))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", median(cpu.get(c))))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", median(jitMs.get(c))))
                    .append(" | ").append(v.size()).append(" |\n");
            csv.append(c).append(',').append(String.format(Locale.ROOT, "%.1f", median(v))).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", median(cpu.get(c)))).append(',')
                    .append(v.size()).append(',').append(String.format(Locale.ROOT, "%.0f", median(jitMs.get(c))))
                    .append('\n');
        });
        if (!consumeCpu.isEmpty()) {
            md.append("\nPre-filled contenders while consuming alone (gate open to the last delivery; the table above"
                    + " includes the publishing): JVM cpu, and the broker process's cpu (pid ").append(BROKER_PID)
                    .append(", 10 ms ticks; it also serves anything else on the shared broker):\n\n| contender |"
                            + " consume JVM cpu µs/msg (median) | min–max | broker cpu µs/msg (median) | min–max |"
                            + "\n|---|---:|---:|---:|---:|\n");
            csv.append("\ncontender,median_consume_cpu_us_per_msg,min,max,median_broker_cpu_us_per_msg,min,max\n");
            consumeCpu.forEach((c, v) -> {
                List<String> cells = new ArrayList<>(spread(v));
                cells.addAll(spread(brokerCpu.get(c)));
                md.append("| ").append(c).append(" | ").append(cells.get(0)).append(" | ").append(cells.get(1))
                        .append("–").append(cells.get(2)).append(" | ").append(cells.get(3)).append(" | ")
                        .append(cells.get(4)).append("–").append(cells.get(5)).append(" |\n");
                csv.append(c).append(',').append(String.join(",", cells)).append('\n');
            });
        }
        if (!threadCpu.isEmpty()) {
            List<String> groups = new ArrayList<>(threadCpu.values().iterator().next().keySet());
            md.append("\nWhere each contender's JVM CPU goes (ThreadCpu: every Java thread's CPU time from the contender's"
                    + " start to its last delivery, by thread name: reader = the connections' `AMQP Connection` threads,"
                    + " workmanager = Payara's `orb-thread-pool` (the adapter's dispatch and the beans), client-pool = the"
                    + " raw client's consumer threads, test = the publishing test thread; non-java = the rest of the"
                    + " process: GC, JIT), µs/msg; the bytes those threads allocated per message; the system (kernel) part"
                    + " of their CPU, µs/msg; and their context switches (voluntary + involuntary) per message; medians:"
                    + "\n\n| contender | ")
                    .append(String.join(" | ", groups)).append(" |\n|---|").append("---:|".repeat(groups.size()))
                    .append('\n');
            csv.append("\ncontender,").append(String.join(",", groups).replace(' ', '_')).append('\n');
            threadCpu.forEach((c, byGroup) -> {
                List<String> cells = new ArrayList<>();
                for (String g : groups) {
                    double m = median(byGroup.get(g));
                    cells.add(String.format(Locale.ROOT, ThreadCpu.format(g), m));
                }
                md.append("| ").append(c).append(" | ").append(String.join(" | ", cells)).append(" |\n");
                csv.append(c).append(',').append(String.join(",", cells)).append('\n');
            });
        }
        md.append("\nPublishing contenders, measured on the calling thread (EJB call, pool checkout, adapter, client;"
                + " not the client's I/O thread):\n\n| contender | caller cpu µs/msg (median) | caller allocation B/msg"
                + " (median) |\n|---|---:|---:|\n");
        csv.append("\ncontender,caller_cpu_us_per_msg,caller_alloc_bytes_per_msg\n");
        callerCpus.forEach((c, v) -> {
            String cpuText = String.format(Locale.ROOT, "%.2f", median(v));
            String allocText = String.format(Locale.ROOT, "%.0f", median(callerAllocs.get(c)));
            md.append("| ").append(c).append(" | ").append(cpuText).append(" | ").append(allocText).append(" |\n");
            csv.append(c).append(',').append(cpuText).append(',').append(allocText).append('\n');
        });
        md.append("\n| pair | median of per-round ratios | min–max | target |\n|---|---:|---:|---|\n");
        csv.append("\npair,ratio,min,max,target\n");
        ratios.forEach((p, v) -> {
            // raw-in-the-container / raw pairs measure the container's own cost: a reference, not a Warren target
            String target = p.startsWith("ejb-raw-channel") || p.startsWith("raw-consumer-ejb")
                    || p.equals("ejb-handle-tx / ejb-handle") ? "reference"
                    : p.contains("-ack50-") ? "reference (raw client, one multiple-ack per 50: the grouped ack's ceiling)"
                    : p.startsWith(BATCHED) ? "opt-in ackBatchSize=50 (raw acks each message)"
                    : p.startsWith("mdb-batch50") ? (p.contains("-ejb") ? "reference" : "≥ 1.5 (batch of 50 vs per-message)")
                    : p.startsWith("mdb") && p.contains("/ raw-consumer-ejb") ? "≥ 0.97 (the adapter's own cost)"
                    : p.startsWith("mdb") ? "≥ 0.95" : "≥ 0.90";
            String median = String.format(Locale.ROOT, "%.3f", median(v));
            String min = String.format(Locale.ROOT, "%.3f", Collections.min(v));
            String max = String.format(Locale.ROOT, "%.3f", Collections.max(v));
            md.append("| ").append(p).append(" | ").append(median).append(" | ").append(min).append("–").append(max)
                    .append(" | ").append(target).append(" |\n");
            csv.append(p.replace(" / ", "/")).append(',').append(median).append(',').append(min).append(',')
                    .append(max).append(',').append(target.replace("≥ ", "")).append('\n');
        });
        Files.writeString(dir.resolve("container.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("container.csv"), csv.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
    }
}
