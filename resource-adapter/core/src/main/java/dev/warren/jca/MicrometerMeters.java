package dev.warren.jca;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The metrics as Micrometer meters in {@link Metrics#globalRegistry}: per connection factory and activation, one
 * function counter per {@link DeliveryRecorder.Count} ({@code warren.published}, {@code warren.dead.lettered}...) and
 * the gauges {@code warren.in.flight}, {@code warren.consumers.open}, {@code warren.bean.time} (seconds, tag
 * {@code quantile} 0.5 and 0.99), all tagged {@code adapter}, {@code definition} and {@code activation} (the one that
 * does not apply is {@code none}); per adapter the gauge {@code warren.ready} (1 or 0). Meters read the recorders when
 * the registry is scraped: nothing is added to the publish and delivery paths. The only class that names Micrometer:
 * {@link MeterSink#find} loads it by name, only when Micrometer is on the adapter's class path. Thread-safe.
 */
final class MicrometerMeters implements MeterSink {
    private static final String NONE = "none";
    private final MeterRegistry registry = Metrics.globalRegistry;

    @Override
    public Runnable bind(String adapter, MetricsScope scope, Observability totals) {
        List<Meter> meters = new ArrayList<>();
        if (scope == null) {
            meters.add(Gauge.builder("warren.ready", totals, t -> t.problems().isEmpty() ? 1 : 0)
                    .description("1 when every broker connection is open and every activation consumes")
                    .tags(Tags.of("adapter", adapter)).register(registry));
        } else {
            boolean definition = MetricsScope.DEFINITION.equals(scope.type());
            Tags tags = Tags.of("adapter", adapter, "definition", definition ? scope.name() : NONE,
                    "activation", definition ? NONE : scope.name());
            for (DeliveryRecorder.Count c : DeliveryRecorder.Count.values()) {
                meters.add(FunctionCounter.builder(c.meterName(), scope, s -> s.count(c)).tags(tags)
                        .register(registry));
            }
            meters.add(gauge("warren.in.flight", scope, tags, s -> s.recorder().inFlight()));
            meters.add(gauge("warren.consumers.open", scope, tags, MetricsScope::consumersOpen));
            meters.add(Gauge.builder("warren.bean.time", scope, s -> s.recorder().beanTimePercentiles()[0] / 1e6)
                    .tags(tags.and("quantile", "0.5")).baseUnit("seconds").register(registry));
            meters.add(Gauge.builder("warren.bean.time", scope, s -> s.recorder().beanTimePercentiles()[1] / 1e6)
                    .tags(tags.and("quantile", "0.99")).baseUnit("seconds").register(registry));
        }
        return () -> meters.forEach(registry::remove);
    }

    private Gauge gauge(String name, MetricsScope scope, Tags tags, ToDoubleFunction<MetricsScope> f) {
        return Gauge.builder(name, scope, f).tags(tags).register(registry);
    }
}
