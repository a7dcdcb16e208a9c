package dev.warren.jca;

/**
 * Where the metrics go besides JMX: Micrometer when it is on the adapter's class path ({@link MicrometerMeters}, the
 * only class that names Micrometer, loaded by name only when Micrometer is present), else nowhere.
 */
interface MeterSink {
    /** The sink when Micrometer is absent or metrics are off. */
    MeterSink NONE = new MeterSink() {
        @Override
        public Runnable bind(String adapter, MetricsScope scope, Observability totals) {
            return () -> { };
        }
    };

    /**
     * Registers a scope's meters.
     *
     * @param adapter the adapter's name (the {@code adapter} tag)
     * @param scope a connection factory or activation, or null for the adapter's totals
     * @param totals the adapter's totals, read when scope is null
     * @return removes the meters again
     */
    Runnable bind(String adapter, MetricsScope scope, Observability totals);

    /**
     * @param loader the class loader to look for Micrometer on (the adapter's)
     * @return Micrometer's global registry as a sink when Micrometer is present, else {@link #NONE}
     */
    static MeterSink find(ClassLoader loader) {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        try {
            return (MeterSink) Class.forName("dev.warren.jca.MicrometerMeters", true, loader)
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            java.util.logging.Logger.getLogger(MeterSink.class.getName()).log(java.util.logging.Level.WARNING,
                    "Micrometer is on the class path but Warren cannot use it (" + e + "); metrics stay on JMX only", e);
            return NONE;
        }
    }
}
