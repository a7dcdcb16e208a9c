package dev.warren.jca;

import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.ConnectionStats;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * One named scope of the metrics (a connection factory or an activation): its {@link DeliveryRecorder}, how many
 * consumers it has open and which broker connection it uses. Thread-safe.
 */
class MetricsScope {
    /** the MBean type and the {@link WarrenMetrics#scope()} of a connection factory */
    static final String DEFINITION = "ConnectionFactory";
    /** ... of an activation */
    static final String ACTIVATION = "Activation";
    /** ... of the adapter */
    static final String ADAPTER = "ResourceAdapter";

    private final String type;
    private final String name;
    private final DeliveryRecorder recorder;
    private final IntSupplier consumersOpen;
    private final Supplier<BrokerConnection> connection;
    private final Supplier<String> problem;

    /**
     * @param type {@link #DEFINITION} or {@link #ACTIVATION}
     * @param name unique among the adapter's scopes of the type
     * @param recorder its counts
     * @param consumersOpen consumers open now
     * @param connection its broker connection, or null before it has one
     * @param problem why it is not ready (null when it is); for readiness
     */
    MetricsScope(String type, String name, DeliveryRecorder recorder, IntSupplier consumersOpen,
                 Supplier<BrokerConnection> connection, Supplier<String> problem) {
        this.type = type;
        this.name = name;
        this.recorder = recorder;
        this.consumersOpen = consumersOpen;
        this.connection = connection;
        this.problem = problem;
    }

    /** @return why it is not ready, or null */
    String problem() {
        return problem.get();
    }

    /** @return the same scope under another name (made unique by the adapter) */
    MetricsScope named(String unique) {
        return new MetricsScope(type, unique, recorder, consumersOpen, connection, problem);
    }

    String type() {
        return type;
    }

    String name() {
        return name;
    }

    DeliveryRecorder recorder() {
        return recorder;
    }

    /**
     * @param c what
     * @return the count so far
     */
    long count(DeliveryRecorder.Count c) {
        return recorder.count(c);
    }

    /** @return consumers open now */
    int consumersOpen() {
        return consumersOpen.getAsInt();
    }

    /** @return its connection's state, or null before it has one */
    ConnectionStats connectionStats() {
        BrokerConnection c = connection.get();
        return c == null ? null : c.stats();
    }

    /** @return the scope's metrics now */
    WarrenMetrics snapshot() {
        long[] p = recorder.beanTimePercentiles();
        return build(type, name, this::count, recorder.inFlight(), p, consumersOpen(), connectionStats());
    }

    /** Builds a snapshot from counts (a scope's, or the adapter's sums). */
    static WarrenMetrics build(String type, String name, java.util.function.ToLongFunction<DeliveryRecorder.Count> n,
                               long inFlight, long[] beanTime, int consumers, ConnectionStats connection) {
        return new WarrenMetrics(type, name, n.applyAsLong(DeliveryRecorder.Count.PUBLISHED),
                n.applyAsLong(DeliveryRecorder.Count.CONFIRMED), n.applyAsLong(DeliveryRecorder.Count.NACKED),
                n.applyAsLong(DeliveryRecorder.Count.RETURNED), n.applyAsLong(DeliveryRecorder.Count.PUBLISH_FAILURES),
                n.applyAsLong(DeliveryRecorder.Count.CONSUMED), n.applyAsLong(DeliveryRecorder.Count.ACKED),
                n.applyAsLong(DeliveryRecorder.Count.REJECTED), n.applyAsLong(DeliveryRecorder.Count.REQUEUED),
                n.applyAsLong(DeliveryRecorder.Count.DEAD_LETTERED), n.applyAsLong(DeliveryRecorder.Count.REDELIVERED),
                n.applyAsLong(DeliveryRecorder.Count.DECODE_ERRORS), inFlight, beanTime[0], beanTime[1], consumers,
                connection == null ? null : connection.state(), connection == null ? null : connection.lastError(),
                connection == null ? null : connection.lastRecovery());
    }
}
