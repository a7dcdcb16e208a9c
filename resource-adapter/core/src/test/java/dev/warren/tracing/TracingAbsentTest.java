package dev.warren.tracing;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Without OpenTelemetry's API on the class path, the tracing classes load and do nothing: Warren's own classes in a
 * class loader that sees no OpenTelemetry (only the JDK besides), so any link to the API would fail here with
 * NoClassDefFoundError.
 */
class TracingAbsentTest {

    @Test
    void withoutTheApiNothingIsTracedAndNothingFails() throws Exception {
        URL warrenClasses = Tracing.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[]{warrenClasses},
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> isolated.loadClass("io.opentelemetry.api.trace.Span"),
                    "the isolated loader must not see the API");
            Class<?> tracing = isolated.loadClass(Tracing.class.getName());
            assertFalse((Boolean) tracing.getMethod("available").invoke(null));

            Map<String, Object> headers = Map.of("x-feed", "cnn");
            Class<?> publish = isolated.loadClass(PublishTrace.class.getName());
            Object trace = publish.getMethod("start", String.class, String.class, Map.class, String.class)
                    .invoke(null, "media", "video", headers, "m1");
            assertSame(headers, publish.getMethod("headers").invoke(trace));
            publish.getMethod("end", Throwable.class).invoke(trace, new IllegalStateException("x"));

            Class<?> delivery = isolated.loadClass(DeliveryTrace.class.getName());
            Object scope = delivery.getMethod("start", Map.class, String.class, String.class, String.class,
                    String.class).invoke(null, Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736"
                    + "-00f067aa0ba902b7-01"), "media", "video", "videos", null);
            Method failed = delivery.getMethod("failed", Throwable.class);
            failed.invoke(scope, new IllegalStateException("bean failed"));
            delivery.getMethod("close").invoke(scope);

            Class<?> receive = isolated.loadClass(ReceiveTrace.class.getName());
            Object poll = receive.getMethod("start", String.class).invoke(null, "videos");
            receive.getMethod("received", Map.class, String.class, String.class, String.class)
                    .invoke(poll, headers, "media", "video", "m1");
            receive.getMethod("failed", Throwable.class).invoke(poll, new IllegalStateException("poll failed"));
            assertEquals(tracing.getClassLoader(), isolated, "loaded in isolation, not from the test class path");
        }
    }
}
