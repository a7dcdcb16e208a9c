package dev.warren.jca;

import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.ConnectionState;
import dev.warren.amqp.ConnectionStats;
import org.HdrHistogram.Histogram;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The resource adapter's metrics and readiness: its scopes (connection factories and activations), each published as
 * an MBean {@code dev.warren:type=ConnectionFactory|Activation,name=...} and, when Micrometer is present, as
 * {@code warren.*} meters; the adapter's own MBean {@code dev.warren:type=ResourceAdapter,name=...} carries the totals
 * and the readiness. MBeans and meters are registered when a scope is added and removed with it, and all at
 * {@link #stop()}, so that a redeploy leaves none behind. Thread-safe.
 */
final class Observability {
    private static final Logger LOG = Logger.getLogger(Observability.class.getName());
    static final String DOMAIN = "dev.warren";

    private final String adapter;
    private final boolean enabled;
    private final Supplier<List<BrokerConnection>> connections;
    private final MeterSink sink;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    /** by type and name */
    private final Map<String, Registration> scopes = new ConcurrentHashMap<>();
    private volatile Registration self;
    private volatile boolean live;

    private record Registration(MetricsScope scope, Object owner, ObjectName mbean, Runnable meters) {
    }

    /**
     * @param adapter the adapter's name ({@code name=} of its MBean, the {@code adapter} tag)
     * @param enabled metrics on (else the counts stay zero; readiness works either way)
     * @param connections the adapter's broker connections
     * @param sink Micrometer, or {@link MeterSink#NONE}
     */
    Observability(String adapter, boolean enabled, Supplier<List<BrokerConnection>> connections, MeterSink sink) {
        this.adapter = adapter;
        this.enabled = enabled;
        this.connections = connections;
        this.sink = enabled ? sink : MeterSink.NONE;
    }

    /** @return a new recorder for a scope: counting when metrics are on, else {@link DeliveryRecorder#OFF} */
    DeliveryRecorder recorder() {
        return enabled ? new DeliveryRecorder(true) : DeliveryRecorder.OFF;
    }

    /** Registers the adapter's MBean and meters. */
    void start() {
        live = true;
        ObjectName name = register(MetricsScope.ADAPTER, adapter, new RecordMBean(WarrenMetrics.class, this::totals,
                this::adapterExtras));
        self = new Registration(null, this, name, sink.bind(adapter, null, this));
    }

    /** Unregisters every MBean and meter of this adapter. */
    void stop() {
        live = false;
        for (Registration r : new ArrayList<>(scopes.values())) {
            remove(r.scope());
        }
        Registration s = self;
        self = null;
        if (s != null) {
            unregister(s);
        }
    }

    /**
     * Adds a scope under a name unique among the MBeans of its type in the JVM (a suffix {@code #2}, {@code #3}...
     * otherwise); a scope of this adapter whose owner equals this one's (the server created an equal connection
     * factory again) is replaced.
     *
     * @param scope the scope, named as wished
     * @param owner what it belongs to
     * @return the scope as registered (its name may carry a suffix)
     */
    synchronized MetricsScope add(MetricsScope scope, Object owner) {
        for (Registration r : new ArrayList<>(scopes.values())) {
            if (r.scope().type().equals(scope.type()) && r.owner() != owner && r.owner().equals(owner)) {
                remove(r.scope());
            }
        }
        String name = scope.name();
        for (int i = 2; scopes.containsKey(key(scope.type(), name)) || registeredElsewhere(scope.type(), name); i++) {
            name = scope.name() + "#" + i; // unique in the JVM: another adapter may have a scope of that name
        }
        MetricsScope named = scope.named(name);
        ObjectName mbean = register(named.type(), name, new RecordMBean(WarrenMetrics.class, named::snapshot,
                () -> Map.of()));
        scopes.put(key(named.type(), name), new Registration(named, owner, mbean, sink.bind(adapter, named, this)));
        return named;
    }

    /** @param scope a scope from {@link #add}: its MBean and meters go */
    synchronized void remove(MetricsScope scope) {
        Registration r = scopes.get(key(scope.type(), scope.name()));
        if (r != null && r.scope() == scope) {
            scopes.remove(key(scope.type(), scope.name()));
            unregister(r);
        }
    }

    private boolean registeredElsewhere(String type, String name) {
        try {
            return server.isRegistered(objectName(type, name));
        } catch (javax.management.MalformedObjectNameException e) {
            return false; // cannot happen for a quoted name; register() reports it
        }
    }

    private static String key(String type, String name) {
        return type + "/" + name;
    }

    private ObjectName register(String type, String name, RecordMBean bean) {
        try {
            ObjectName on = objectName(type, name);
            if (server.isRegistered(on)) { // another adapter instance left it, or uses the same name
                LOG.log(Level.WARNING, "MBean {0} is registered already (another Warren adapter with metricsName ''{1}''?);"
                        + " replacing it. Fix: give each adapter its own metricsName.", new Object[]{on, adapter});
                server.unregisterMBean(on);
            }
            server.registerMBean(bean, on);
            return on;
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot register the Warren MBean for " + type + " '" + name + "': " + e, e);
            return null;
        }
    }

    private void unregister(Registration r) {
        r.meters().run();
        if (r.mbean() == null) {
            return;
        }
        try {
            server.unregisterMBean(r.mbean());
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "MBean " + r.mbean() + " was gone already: " + e, e);
        }
    }

    /**
     * @param type the MBean type
     * @param name the scope's name, quoted when it holds a character an ObjectName value may not
     * @return {@code dev.warren:type=<type>,name=<name>}
     * @throws javax.management.MalformedObjectNameException never for a quoted name
     */
    static ObjectName objectName(String type, String name) throws javax.management.MalformedObjectNameException {
        boolean plain = !name.isEmpty() && name.chars().noneMatch(c -> ",=:\"*?\n\\ ".indexOf(c) >= 0);
        return new ObjectName(DOMAIN + ":type=" + type + ",name=" + (plain ? name : ObjectName.quote(name)));
    }

    /** @return the registered scopes of a type */
    List<MetricsScope> scopes(String type) {
        List<MetricsScope> out = new ArrayList<>();
        for (Registration r : scopes.values()) {
            if (r.scope().type().equals(type)) {
                out.add(r.scope());
            }
        }
        out.sort(java.util.Comparator.comparing(MetricsScope::name));
        return out;
    }

    /**
     * @param c what
     * @return the sum over every scope
     */
    long count(DeliveryRecorder.Count c) {
        long n = 0;
        for (Registration r : scopes.values()) {
            n += r.scope().count(c);
        }
        return n;
    }

    /** @return the adapter's totals over its scopes and connections */
    WarrenMetrics totals() {
        long inFlight = 0;
        int consumers = 0;
        Histogram beanTimes = DeliveryRecorder.histogram();
        for (Registration r : scopes.values()) {
            inFlight += r.scope().recorder().inFlight();
            consumers += r.scope().consumersOpen();
            if (r.scope().recorder().enabled()) {
                r.scope().recorder().addBeanTimesTo(beanTimes);
            }
        }
        return MetricsScope.build(MetricsScope.ADAPTER, adapter, this::count, inFlight,
                DeliveryRecorder.percentiles(beanTimes), consumers, worst(connectionStats()));
    }

    private List<ConnectionStats> connectionStats() {
        List<ConnectionStats> all = new ArrayList<>();
        for (BrokerConnection c : connections.get()) {
            all.add(c.stats());
        }
        return all;
    }

    /** @return the worst state with the newest recovery; null when there is no connection */
    private static ConnectionStats worst(List<ConnectionStats> all) {
        ConnectionStats worst = null;
        Instant recovery = null;
        for (ConnectionStats s : all) {
            if (worst == null || s.state().worse(worst.state()) != worst.state()) {
                worst = s;
            }
            if (s.lastRecovery() != null && (recovery == null || s.lastRecovery().isAfter(recovery))) {
                recovery = s.lastRecovery();
            }
        }
        return worst == null ? null : new ConnectionStats(adapterWide(), worst.state(), worst.lastError(), recovery,
                0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static String adapterWide() {
        return "(all)";
    }

    /** @return why the adapter is not ready: connections not open, activations not consuming */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (BrokerConnection c : connections.get()) {
            ConnectionStats s = c.stats();
            if (s.state() != ConnectionState.OPEN) {
                problems.add("broker connection '" + s.name() + "' is " + s.state()
                        + (s.lastError() == null ? "" : ": " + s.lastError()));
            }
        }
        for (MetricsScope a : scopes(MetricsScope.ACTIVATION)) {
            String p = a.problem();
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }

    /** @return the health and metrics of the whole adapter */
    AdapterStatus status() {
        List<String> problems = live ? problems() : List.of("the resource adapter is stopped");
        List<WarrenMetrics> definitions = new ArrayList<>();
        for (MetricsScope s : scopes(MetricsScope.DEFINITION)) {
            definitions.add(s.snapshot());
        }
        List<WarrenMetrics> activations = new ArrayList<>();
        for (MetricsScope s : scopes(MetricsScope.ACTIVATION)) {
            activations.add(s.snapshot());
        }
        return new AdapterStatus(adapter, live, live && problems.isEmpty(), problems, totals(), definitions,
                activations, live ? connectionStats() : List.of());
    }

    /** the adapter MBean's attributes besides the totals */
    private Map<String, Object> adapterExtras() {
        List<String> problems = live ? problems() : List.of("the resource adapter is stopped");
        Map<String, Object> extras = new java.util.LinkedHashMap<>();
        extras.put("Live", live);
        extras.put("Ready", live && problems.isEmpty());
        extras.put("Problems", problems.toArray(new String[0]));
        extras.put("Connections", connectionStats().stream().map(ConnectionStats::toString).toArray(String[]::new));
        return extras;
    }

    /** @return the adapter's name */
    String adapter() {
        return adapter;
    }
}
