package dev.warren.jca;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.Producer;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.endpoint.MessageEndpoint;

import javax.transaction.xa.XAResource;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (not a test; run by hand, see docs/observability.md): the cost of the metrics on the JCA paths, two
 * adapters side by side in one JVM, one with {@code metrics=true} and one with {@code metrics=false}, rounds
 * interleaved (order alternating). publish: one pooled handle publishes N small maps (json) through a Producer;
 * mdb: an activation (concurrency 1, prefetch 100) drains N prefilled messages into a bean that does nothing. Reports
 * the medians of msg/s and CPU µs/msg per mode (publish: the publishing thread's CPU time, exact to the nanosecond;
 * mdb: the sum over the JVM's Java threads — delivery, the client's reader, timers — without GC and JIT) and the median of the per-round
 * on/off ratios. Arguments: [mdb messages (20000)] [rounds (9)] [publish messages (10 x mdb)] [uri].
 */
public final class MetricsCostBench {
    private MetricsCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int publishN = args.length > 2 ? Integer.parseInt(args[2]) : 10 * n;
        String uri = args.length > 3 ? args[3] : "amqp://guest:guest@127.0.0.1:5672/%2F";
        ExecutorService pool = Executors.newCachedThreadPool();
        WarrenResourceAdapter on = adapter(uri, true, pool);
        WarrenResourceAdapter off = adapter(uri, false, pool);
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(uri);
        String queue = "warren-metrics-cost-" + UUID.randomUUID();
        try (Connection probe = cf.newConnection("warren-metrics-cost-probe")) {
            Channel ch = probe.createChannel();
            ch.queueDeclare(queue, false, false, false, null);
            List<double[]> publish = new ArrayList<>();
            List<double[]> mdb = new ArrayList<>();
            for (int r = -2; r < rounds; r++) { // two warm-up rounds
                boolean onFirst = (r & 1) == 0;
                double[] p = new double[4];
                double[] m = new double[4];
                for (int k = 0; k < 2; k++) {
                    boolean metricsOn = onFirst == (k == 0);
                    WarrenResourceAdapter ra = metricsOn ? on : off;
                    double[] pr = publish(ra, queue, publishN);
                    ch.queuePurge(queue);
                    double[] mr = drain(ra, ch, queue, n);
                    int at = metricsOn ? 0 : 2;
                    p[at] = pr[0];
                    p[at + 1] = pr[1];
                    m[at] = mr[0];
                    m[at + 1] = mr[1];
                }
                if (r >= 0) {
                    publish.add(p);
                    mdb.add(m);
                    System.out.printf("round %d: publish on %.0f off %.0f msg/s; mdb on %.0f off %.0f msg/s%n", r,
                            p[0], p[2], m[0], m[2]);
                }
            }
            report("publish", publish);
            report("mdb", mdb);
            ch.queueDelete(queue);
        } finally {
            on.stop();
            off.stop();
            pool.shutdownNow();
        }
    }

    private static WarrenResourceAdapter adapter(String uri, boolean metrics, ExecutorService pool) throws Exception {
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        ra.setUri(uri);
        ra.setMetrics(metrics);
        ra.setMetricsName("cost-" + metrics);
        ra.setConnectionName("warren-metrics-cost-" + metrics);
        ra.start(new ExecutorBootstrapContext(pool));
        return ra;
    }

    /** @return msg/s, process CPU µs/msg */
    private static double[] publish(WarrenResourceAdapter ra, String queue, int n) throws Exception {
        WarrenManagedConnectionFactory mcf = new WarrenManagedConnectionFactory();
        mcf.setResourceAdapter(ra);
        WarrenConnectionFactory factory = (WarrenConnectionFactory) mcf.createConnectionFactory(
                (ConnectionManager) (m, info) -> m.createManagedConnection(null, info).getConnection(null, info));
        Map<String, Object> body = Map.of("name", "lolcat.avi", "size", 1301013);
        try (WarrenConnection c = factory.getConnection()) {
            Producer p = c.producer(Exchange.DEFAULT);
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                p.publish(body, queue);
            }
            long nanos = System.nanoTime() - t0;
            return new double[]{n * 1e9 / nanos, (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n};
        }
    }

    /** @return msg/s, process CPU µs/msg of an activation draining n prefilled messages */
    private static double[] drain(WarrenResourceAdapter ra, Channel ch, String queue, int n) throws Exception {
        byte[] body = "{\"name\": \"lolcat.avi\", \"size\": 1301013}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.rabbitmq.client.AMQP.BasicProperties props = new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                .contentType("application/json").build();
        ch.confirmSelect();
        for (int i = 0; i < n; i++) {
            ch.basicPublish("", queue, props, body);
        }
        ch.waitForConfirmsOrDie(60_000);
        AtomicLong seen = new AtomicLong();
        TestEndpointFactory bean = new TestEndpointFactory("metrics-cost", MetricsCostBench.class) {
            @Override
            public MessageEndpoint createEndpoint(XAResource xa) {
                return new Endpoint() {
                    @Override
                    public void onMessage(Message message) {
                        seen.incrementAndGet();
                    }
                };
            }
        };
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setDurable(false);
        spec.setPrefetch(100);
        Map<Long, Long> before = threadCpu();
        long t0 = System.nanoTime();
        ra.endpointActivation(bean, spec);
        while (seen.get() < n) {
            Thread.sleep(1); // not spinning: this thread's CPU would count
        }
        long nanos = System.nanoTime() - t0;
        long used = 0;
        for (Map.Entry<Long, Long> e : threadCpu().entrySet()) {
            used += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        ra.endpointDeactivation(bean, spec);
        return new double[]{n * 1e9 / nanos, used / 1e3 / n};
    }

    /** @return CPU time per live Java thread (delivery, client reader, timers; not GC or JIT), nanoseconds */
    private static Map<Long, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    private static void report(String scenario, List<double[]> rounds) {
        List<Double> ratios = new ArrayList<>();
        List<Double> onRate = new ArrayList<>();
        List<Double> offRate = new ArrayList<>();
        List<Double> onCpu = new ArrayList<>();
        List<Double> offCpu = new ArrayList<>();
        for (double[] r : rounds) {
            ratios.add(r[0] / r[2]);
            onRate.add(r[0]);
            offRate.add(r[2]);
            onCpu.add(r[1]);
            offCpu.add(r[3]);
        }
        System.out.printf("%s: metrics on %.0f msg/s, off %.0f msg/s, median on/off ratio %.3f (per-round %s);"
                        + " CPU on %.2f µs/msg, off %.2f µs/msg%n", scenario, median(onRate), median(offRate),
                median(ratios), ratios.stream().map(d -> String.format("%.3f", d)).toList(), median(onCpu),
                median(offCpu));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }
}
