package dev.warren.jca;

import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorders, snapshots, MBeans and scope registry of the metrics, without a broker. */
class MetricsRecorderTest {
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    @Test
    void countsFromManyThreadsAreExact() throws Exception {
        DeliveryRecorder r = new DeliveryRecorder(true);
        int threads = 4;
        int each = 50_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    r.received(i % 10 == 0);
                    r.acked();
                    r.beanTime(1_000_000); // 1 ms
                    r.settled();
                }
            });
            th.start();
            all.add(th);
        }
        go.countDown();
        for (Thread th : all) {
            th.join();
        }
        assertEquals(threads * each, r.count(DeliveryRecorder.Count.CONSUMED));
        assertEquals(threads * each / 10, r.count(DeliveryRecorder.Count.REDELIVERED));
        assertEquals(threads * each, r.count(DeliveryRecorder.Count.ACKED));
        assertEquals(0, r.inFlight());
        long[] p = r.beanTimePercentiles();
        assertTrue(Math.abs(p[0] - 1000) <= 1 && Math.abs(p[1] - 1000) <= 1, "1 ms = 1000 µs: " + p[0] + ", " + p[1]);
    }

    @Test
    void beanTimesFromEveryThreadCountInThePercentilesAndTheTotals() throws Exception {
        DeliveryRecorder r = new DeliveryRecorder(true);
        assertArrayEquals(new long[]{0, 0}, r.beanTimePercentiles(), "an idle recorder");
        List<Thread> all = new ArrayList<>();
        for (int t = 1; t <= 8; t++) { // more threads than recorders: some share one
            long micros = t * 1000L;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    r.beanTime(micros * 1000);
                }
            });
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            th.join();
        }
        long[] p = r.beanTimePercentiles();
        assertTrue(Math.abs(p[0] - 4000) <= 4 && Math.abs(p[1] - 8000) <= 8,
                "p50 4 ms and p99 8 ms of 1..8 ms from 8 threads: " + p[0] + ", " + p[1]);
        org.HdrHistogram.Histogram total = DeliveryRecorder.histogram();
        r.addBeanTimesTo(total);
        assertEquals(8000, total.getTotalCount(), "every value once, read after read");
    }

    @Test
    void percentilesAreCumulativeAcrossReads() {
        DeliveryRecorder r = new DeliveryRecorder(true);
        for (int i = 1; i <= 100; i++) {
            r.beanTime(i * 1000L); // 1..100 µs
        }
        long[] first = r.beanTimePercentiles();
        long[] second = r.beanTimePercentiles();
        assertEquals(50, first[0]);
        assertEquals(99, first[1]);
        assertEquals(first[0], second[0], "a read does not reset what later reads see");
        assertEquals(first[1], second[1]);
    }

    @Test
    void aDisabledRecorderCountsNothing() {
        DeliveryRecorder r = DeliveryRecorder.OFF;
        r.received(true);
        r.published();
        r.add(DeliveryRecorder.Count.DEAD_LETTERED);
        r.beanTime(5_000);
        for (DeliveryRecorder.Count c : DeliveryRecorder.Count.values()) {
            assertEquals(0, r.count(c), c.name());
        }
        assertEquals(0, r.inFlight());
        assertEquals(0, r.beanTimePercentiles()[1]);
    }

    @Test
    void meterNamesFollowTheCounts() {
        assertEquals("warren.publish.failures", DeliveryRecorder.Count.PUBLISH_FAILURES.meterName());
        assertEquals("warren.dead.lettered", DeliveryRecorder.Count.DEAD_LETTERED.meterName());
    }

    @Test
    void objectNamesAreQuotedOnlyWhenNeeded() throws Exception {
        ObjectName plain = Observability.objectName("Activation", "EchoMdb");
        assertEquals("dev.warren", plain.getDomain());
        assertEquals("EchoMdb", plain.getKeyProperty("name"), "a plain name is not quoted");
        assertEquals("Activation", plain.getKeyProperty("type"));
        ObjectName odd = Observability.objectName("ConnectionFactory", "java:app/warren, \"media\"");
        assertEquals("java:app/warren, \"media\"", ObjectName.unquote(odd.getKeyProperty("name")));
    }

    @Test
    void scopesAreUniqueReplacedWhenEqualAndUnregisteredWithTheAdapter() throws Exception {
        Observability o = new Observability("recorder-test", true, List::of, MeterSink.NONE);
        o.start();
        ObjectName adapter = Observability.objectName("ResourceAdapter", "recorder-test");
        assertTrue(MBEANS.isRegistered(adapter));
        DeliveryRecorder r = o.recorder();
        MetricsScope first = o.add(scope("Bean", r), new Object());
        MetricsScope second = o.add(scope("Bean", o.recorder()), new Object());
        assertEquals("Bean", first.name());
        assertEquals("Bean#2", second.name(), "a second scope of the same name gets a suffix");
        String owner = "equal owners";
        o.add(scope("Factory", o.recorder()), owner);
        o.add(scope("Factory", o.recorder()), new String(owner)); // the server created an equal factory again
        assertEquals(1, o.scopes(MetricsScope.ACTIVATION).stream().filter(s -> s.name().startsWith("Factory")).count(),
                "an equal owner's scope is replaced, not duplicated");
        r.published();
        r.published();
        assertEquals(2L, MBEANS.getAttribute(Observability.objectName("Activation", "Bean"), "Published"));
        assertEquals(2L, MBEANS.getAttribute(adapter, "Published"), "the adapter's totals");
        assertEquals(true, MBEANS.getAttribute(adapter, "Ready"));
        o.remove(first);
        assertFalse(MBEANS.isRegistered(Observability.objectName("Activation", "Bean")));
        o.stop();
        assertEquals(0, MBEANS.queryNames(new ObjectName("dev.warren:*"), null).size(), "nothing left after stop");
    }

    @Test
    void twoAdaptersInOneJvmNeverShareAnMBean() throws Exception {
        Observability a = new Observability("adapter-a", true, List::of, MeterSink.NONE);
        Observability b = new Observability("adapter-b", true, List::of, MeterSink.NONE);
        a.start();
        b.start();
        try {
            MetricsScope first = a.add(new MetricsScope(MetricsScope.DEFINITION, "connection-factory", a.recorder(),
                    () -> 0, () -> null, () -> null), new Object());
            MetricsScope second = b.add(new MetricsScope(MetricsScope.DEFINITION, "connection-factory", b.recorder(),
                    () -> 0, () -> null, () -> null), new Object());
            assertEquals("connection-factory#2", second.name(), "the name another adapter's MBean holds is skipped");
            a.remove(first);
            assertTrue(MBEANS.isRegistered(Observability.objectName("ConnectionFactory", "connection-factory#2")),
                    "removing one adapter's scope leaves the other's MBean");
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    void anActivationThatIsNotConsumingMakesTheAdapterNotReady() {
        Observability o = new Observability("readiness-test", true, List::of, MeterSink.NONE);
        o.start();
        try {
            o.add(new MetricsScope(MetricsScope.ACTIVATION, "Slow", o.recorder(), () -> 0, () -> null,
                    () -> "Slow is not consuming yet"), new Object());
            AdapterStatus s = o.status();
            assertFalse(s.ready());
            assertTrue(s.live());
            assertEquals(List.of("Slow is not consuming yet"), s.problems());
        } finally {
            o.stop();
        }
        assertFalse(o.status().live(), "stopped");
    }

    private static MetricsScope scope(String name, DeliveryRecorder r) {
        return new MetricsScope(MetricsScope.ACTIVATION, name, r, () -> 1, () -> null, () -> null);
    }
}
