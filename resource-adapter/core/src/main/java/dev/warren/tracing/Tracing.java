package dev.warren.tracing;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether OpenTelemetry's API is on the class path, detected once when this class initializes (a class-loader
 * lookup of its {@code Span} and {@code Context} classes, never a {@link NoClassDefFoundError} later). When it is, the
 * one class of Warren that uses the API ({@code OpenTelemetryBackend}) is loaded by reflection; when it is not,
 * {@link PublishTrace} and {@link DeliveryTrace} do nothing and OpenTelemetry is never touched. Thread-safe.
 */
public final class Tracing {
    private static final Logger LOG = Logger.getLogger(Tracing.class.getName());
    /** the header names of the W3C trace context */
    public static final String TRACEPARENT = "traceparent";
    /** the optional vendor part of the W3C trace context */
    public static final String TRACESTATE = "tracestate";

    private static final TracingBackend BACKEND = load(Tracing.class.getClassLoader());

    private Tracing() {
    }

    /** @return whether OpenTelemetry's API is on this adapter's class path (so trace context is propagated) */
    public static boolean available() {
        return BACKEND != null;
    }

    /** @return the backend, or null without the API */
    static TracingBackend backend() {
        return BACKEND;
    }

    /**
     * @param loader the class loader to look in (Warren's own)
     * @return the OpenTelemetry backend, or null when the API is absent or unusable (logged once)
     */
    static TracingBackend load(ClassLoader loader) {
        try {
            Class.forName("io.opentelemetry.api.trace.Span", false, loader);
            Class.forName("io.opentelemetry.context.Context", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.fine("OpenTelemetry's API is not on the class path: Warren writes and reads no trace context");
            return null;
        }
        try {
            TracingBackend backend = (TracingBackend) Class.forName("dev.warren.tracing.OpenTelemetryBackend", true,
                    loader).getDeclaredConstructor().newInstance();
            LOG.fine("OpenTelemetry's API is on the class path: Warren propagates W3C trace context");
            return backend;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "OpenTelemetry's API is on the class path but Warren cannot use it (" + e
                    + "); messages carry no trace context. Fix: put opentelemetry-api 1.29 or later (with"
                    + " opentelemetry-context) on the class path, or remove it.", e);
            return null;
        }
    }
}
