package dev.warren.jca;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warren.* meters when Micrometer is present, and nothing (no linkage error) when it is not. */
class MicrometerMetersTest {

    @Test
    void scopesBecomeTaggedMetersInTheGlobalRegistryAndGoAwayWithThem() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            MeterSink sink = MeterSink.find(MicrometerMetersTest.class.getClassLoader());
            assertTrue(sink instanceof MicrometerMeters, "Micrometer is on the test class path");
            Observability o = new Observability("micrometer-test", true, List::of, sink);
            o.start();
            DeliveryRecorder r = o.recorder();
            MetricsScope scope = o.add(new MetricsScope(MetricsScope.ACTIVATION, "Bean/q", r, () -> 2, () -> null,
                    () -> null), new Object());
            r.received(true);
            r.received(false);
            r.add(DeliveryRecorder.Count.DEAD_LETTERED);
            r.beanTime(2_000_000);
            assertEquals(2.0, registry.get("warren.consumed").tag("adapter", "micrometer-test")
                    .tag("activation", "Bean/q").tag("definition", "none").functionCounter().count());
            assertEquals(1.0, registry.get("warren.dead.lettered").functionCounter().count());
            assertEquals(2.0, registry.get("warren.in.flight").gauge().value());
            assertEquals(2.0, registry.get("warren.consumers.open").gauge().value());
            assertEquals(0.002, registry.get("warren.bean.time").tag("quantile", "0.99").gauge().value(), 0.0001);
            assertEquals(1.0, registry.get("warren.ready").gauge().value());
            o.remove(scope);
            assertNull(registry.find("warren.consumed").functionCounter(), "removed with its scope");
            o.stop();
            assertNull(registry.find("warren.ready").gauge(), "removed with the adapter");
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void withoutMicrometerTheSinkIsNoneAndNothingLinksToIt() throws Exception {
        URL[] urls = {Observability.class.getProtectionDomain().getCodeSource().getLocation(),
                org.HdrHistogram.Histogram.class.getProtectionDomain().getCodeSource().getLocation(),
                com.rabbitmq.client.Connection.class.getProtectionDomain().getCodeSource().getLocation()};
        try (URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> sinkType = Class.forName(MeterSink.class.getName(), true, isolated);
            java.lang.reflect.Field noneField = sinkType.getField("NONE");
            noneField.setAccessible(true); // package-private interface, in another class loader's package
            java.lang.reflect.Method find = sinkType.getMethod("find", ClassLoader.class);
            find.setAccessible(true);
            Object none = noneField.get(null);
            Object found = find.invoke(null, isolated);
            assertSame(none, found, "no Micrometer on the adapter's class path: no meters, no error");
            Class<?> recorder = Class.forName(DeliveryRecorder.class.getName(), true, isolated);
            assertEquals(isolated, recorder.getClassLoader(), "the recorders load without Micrometer");
        }
    }
}
