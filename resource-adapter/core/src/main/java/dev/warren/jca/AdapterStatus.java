package dev.warren.jca;

import dev.warren.amqp.ConnectionStats;

import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of the resource adapter's health and metrics, for applications (a MicroProfile Health check,
 * a status page) and operators. Obtain it with {@link WarrenConnectionFactory#status()}; the same values are the
 * attributes of the MBeans {@code dev.warren:type=ResourceAdapter|ConnectionFactory|Activation,name=...}.
 *
 * <p>Ready means: every broker connection the adapter holds is open, and every activation is consuming (its set-up
 * succeeded and all its consumers are open). A broker outage makes it not ready at once (the connection is
 * recovering); it is ready again when the client has reconnected and the consumers are back.
 *
 * @param adapter the adapter's name ({@code metricsName})
 * @param live whether the adapter is started (not stopped)
 * @param ready whether every connection is open and every activation consumes
 * @param problems why it is not ready, one line each (empty when ready); no credentials
 * @param totals the adapter's totals over its connection factories and activations
 * @param definitions one entry per connection factory
 * @param activations one entry per activation
 * @param connections the shared broker connections, with the RabbitMQ client's own counts
 */
public record AdapterStatus(String adapter, boolean live, boolean ready, List<String> problems, WarrenMetrics totals,
                            List<WarrenMetrics> definitions, List<WarrenMetrics> activations,
                            List<ConnectionStats> connections) {
    /** Copies the lists (immutable). */
    public AdapterStatus {
        problems = List.copyOf(problems);
        definitions = List.copyOf(definitions);
        activations = List.copyOf(activations);
        connections = List.copyOf(connections);
        Objects.requireNonNull(totals, "totals");
    }
}
