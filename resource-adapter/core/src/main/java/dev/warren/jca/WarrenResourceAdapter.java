package dev.warren.jca;

import dev.warren.WarrenException;
import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.BrokerConnections;
import dev.warren.serialization.MessageCodec;
import dev.warren.serialization.SerializerRegistry;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.transaction.xa.XAResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Warren resource adapter: holds the default broker settings (ra.xml config properties), the shared
 * AMQP connections, the message codec and the endpoint activations of message-driven beans.
 *
 * <p>Lifecycle: the application server calls {@link #start}, then activates endpoints and creates
 * managed connection factories; {@link #stop} deactivates what is left and closes the connections.
 * Connections are opened lazily, on the first channel or consumer, so a broker that is down at deploy
 * time does not fail the deployment of the adapter itself.
 *
 * <p>Threading: configuration setters are called once by the server; the rest is thread-safe.
 * Errors: activation failures are {@link ResourceException}s whose message names the property or
 * the broker's refusal and the fix. The password never appears in logs.
 */
public class WarrenResourceAdapter extends ConnectionProperties implements ResourceAdapter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(WarrenResourceAdapter.class.getName());
    /** default of {@link #getShutdownTimeout()}: 30 s */
    static final int DEFAULT_SHUTDOWN_TIMEOUT = 30_000;

    private transient BrokerConnections connections = new BrokerConnections();
    private transient MessageCodec codec = MessageCodec.defaults();
    private String javaSerializationAllowList;
    private Long maxDecompressedSize = MessageCodec.DEFAULT_MAX_DECOMPRESSED_SIZE;
    private Integer shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private Boolean tracing = Boolean.TRUE;
    private transient WorkManager workManager;
    /** runs the inbound connections' consumer callbacks on the WorkManager (see {@link ChannelConsumer}) */
    private transient WorkManagerExecutor dispatch;
    private transient BackgroundWork background;
    private transient TransactionSynchronizationRegistry transactionRegistry;
    private transient Map<ActivationKey, EndpointActivation> activations = new ConcurrentHashMap<>();
    private Boolean metrics = Boolean.TRUE;
    private String metricsName = DEFAULT_METRICS_NAME;
    private transient volatile Observability observability;
    /** default of {@link #getMetricsName()} */
    static final String DEFAULT_METRICS_NAME = "warren";

    @Override
    public void start(BootstrapContext ctx) throws ResourceAdapterInternalException {
        try {
            connectionSettings().validate("the Warren resource adapter configuration");
            codec = buildCodec();
        } catch (RuntimeException e) {
            throw new ResourceAdapterInternalException(e.getMessage(), e);
        }
        if (shutdownTimeout == null || shutdownTimeout < 0) {
            throw new ResourceAdapterInternalException("Invalid resource adapter property shutdownTimeout="
                    + shutdownTimeout + ". Fix: give milliseconds >= 0 (default " + DEFAULT_SHUTDOWN_TIMEOUT + ").");
        }
        workManager = ctx.getWorkManager();
        try {
            background = new BackgroundWork(ctx);
        } catch (jakarta.resource.spi.UnavailableException e) {
            throw new ResourceAdapterInternalException("The application server gives the Warren resource adapter no"
                    + " timer (BootstrapContext.createTimer): " + e.getMessage(), e);
        }
        transactionRegistry = registry(ctx);
        dispatch = workManager == null ? null : new WorkManagerExecutor(workManager, "Warren consumer dispatch");
        connections = new BrokerConnections(metricsOn(), dispatch);
        if (activations == null) {
            activations = new ConcurrentHashMap<>();
        }
        BrokerConnections held = connections;
        observability = new Observability(metricsName, metricsOn(), held::held,
                metricsOn() ? MeterSink.find(WarrenResourceAdapter.class.getClassLoader()) : MeterSink.NONE);
        observability.start();
        LOG.log(Level.INFO, "Warren resource adapter started with {0}", connectionSettings());
    }

    private static TransactionSynchronizationRegistry registry(BootstrapContext ctx) {
        try {
            return ctx.getTransactionSynchronizationRegistry();
        } catch (RuntimeException | AbstractMethodError e) { // a JCA 1.5 container has no such method
            LOG.log(Level.WARNING, "The application server gives no TransactionSynchronizationRegistry (" + e + "): a"
                    + " transacted delivery whose bean returns normally is acknowledged even if its transaction rolls"
                    + " back without an exception.", e);
            return null;
        }
    }

    /**
     * Stops every activation against one deadline ({@code shutdownTimeout}): all are cancelled at once, then the
     * adapter waits once for their in-flight deliveries, then closes the channels and connections.
     */
    @Override
    public void stop() {
        List<EndpointActivation> all = new ArrayList<>(activations.values());
        activations.clear();
        for (EndpointActivation a : all) {
            a.beginStop();
        }
        long deadline = System.currentTimeMillis() + shutdownTimeoutMillis();
        for (EndpointActivation a : all) {
            a.awaitDrained(deadline);
        }
        for (EndpointActivation a : all) {
            a.finishStop();
        }
        if (background != null) {
            background.stop();
        }
        connections.closeAll();
        if (dispatch != null) {
            dispatch.close();
        }
        Observability o = observability;
        if (o != null) {
            o.stop(); // no MBean or meter outlives the adapter (redeploys)
        }
        LOG.info("Warren resource adapter stopped; broker connections closed");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof WarrenActivationSpec)) {
            throw new jakarta.resource.NotSupportedException("Activation spec " + spec.getClass().getName()
                    + " is not Warren's. Fix: use dev.warren.jca.WarrenActivationSpec (the MDB must implement"
                    + " dev.warren.jca.WarrenListener, WarrenBodyListener or CeleryTaskListener).");
        }
        WarrenActivationSpec ws = (WarrenActivationSpec) spec;
        ws.validate();
        java.util.Set<String> tasks = celeryTasks(factory, ws);
        EndpointActivation a = new EndpointActivation(this, factory, ws.toConfig(), tasks, batchListener(factory, ws));
        a.start();
        EndpointActivation previous = activations.put(new ActivationKey(factory), a);
        if (previous != null) {
            previous.stop(shutdownTimeoutMillis());
        }
    }

    /**
     * @return whether the bean receives batches (implements {@link WarrenBatchListener}; when the server does not
     *         name the bean class: whether batchSize is above 1)
     * @throws jakarta.resource.spi.InvalidPropertyException when batchSize above 1 is set for a bean that receives
     *         single messages. A batchTimeout set for such a bean, or an ackBatchSize above 1 for a batch bean (its
     *         batches are acknowledged together anyway), is ignored with a WARNING.
     */
    static boolean batchListener(MessageEndpointFactory factory, WarrenActivationSpec spec)
            throws ResourceException {
        Class<?> bean = factory.getEndpointClass();
        int size = spec.getBatchSize();
        boolean batch = bean == null ? size > 1 : WarrenBatchListener.class.isAssignableFrom(bean);
        String who = "Warren activation of " + (bean == null ? factory.getActivationName() : bean.getName())
                + " on queue '" + spec.getQueue() + "': ";
        if (!batch && size > 1) {
            throw new jakarta.resource.spi.InvalidPropertyException(who + "batchSize=" + size + " is set, but the bean"
                    + " receives one message per call. Fix: implement " + WarrenBatchListener.class.getName()
                    + " to receive batches, or remove batchSize.");
        }
        if (!batch && spec.getBatchTimeout() != WarrenActivationSpec.DEFAULT_BATCH_TIMEOUT) {
            LOG.warning(who + "batchTimeout='" + spec.getBatchTimeout() + "' is ignored: the bean receives one"
                    + " message per call. Fix: implement " + WarrenBatchListener.class.getName()
                    + " (with batchSize), or remove batchTimeout.");
        }
        if (batch && spec.getAckBatchSize() > 1) {
            LOG.warning(who + "ackBatchSize='" + spec.getAckBatchSize() + "' is ignored: a "
                    + WarrenBatchListener.class.getSimpleName() + " bean's batch is acknowledged as one (one"
                    + " multiple-ack) after each call. Fix: remove ackBatchSize.");
        }
        return batch;
    }

    /**
     * @return the Celery task names of a protocol=celery activation, or null for kombu
     * @throws jakarta.resource.spi.InvalidPropertyException when the protocol does not fit the bean's listener type
     */
    private static java.util.Set<String> celeryTasks(MessageEndpointFactory factory, WarrenActivationSpec spec)
            throws ResourceException {
        java.util.Set<String> tasks = spec.celeryTaskNames();
        Class<?> bean = factory.getEndpointClass();
        if (bean != null) {
            boolean celeryBean = CeleryTaskListener.class.isAssignableFrom(bean);
            if (tasks != null && !celeryBean) {
                throw new jakarta.resource.spi.InvalidPropertyException("Warren activation of " + bean.getName()
                        + " on queue '" + spec.getQueue() + "': protocol=celery needs a bean that implements "
                        + CeleryTaskListener.class.getName() + ". Fix: implement it, or set protocol=kombu.");
            }
            if (tasks == null && celeryBean && !WarrenListener.class.isAssignableFrom(bean)
                    && !WarrenBodyListener.class.isAssignableFrom(bean)) {
                throw new jakarta.resource.spi.InvalidPropertyException("Warren activation of " + bean.getName()
                        + " on queue '" + spec.getQueue() + "': the bean is a CeleryTaskListener but protocol is "
                        + spec.getProtocol() + ". Fix: set protocol=celery and name its tasks in celeryTasks.");
            }
        }
        return tasks;
    }

    /**
     * Stops one bean's activation and waits for its in-flight deliveries (at most {@code shutdownTimeout}). The
     * server deactivates a module's beans one after another; so that they drain together rather than in turn, the
     * first deactivation also quiesces the other activations of the same module (same bean class loader): they stop
     * taking new messages at once and finish what is in flight while this one waits. One that is not deactivated
     * within {@code shutdownTimeout} resumes consuming.
     */
    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        EndpointActivation a = activations.remove(new ActivationKey(factory));
        if (a != null) {
            long timeout = shutdownTimeoutMillis();
            a.beginStop();
            ClassLoader module = a.moduleLoader();
            if (module != null) {
                for (EndpointActivation sibling : activations.values()) {
                    if (sibling.moduleLoader() == module) {
                        sibling.quiesce(timeout);
                    }
                }
            }
            a.awaitDrained(System.currentTimeMillis() + timeout);
            a.finishStop();
        } else {
            LOG.log(Level.WARNING, "endpointDeactivation for {0}: no active Warren activation for this endpoint"
                    + " factory (already stopped?)", spec);
        }
    }

    /** No XA: Warren supports local (AMQP tx) transactions only, so there is nothing to recover. */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /**
     * @param overrides more specific settings (a factory's or an activation's), or null
     * @param role outbound or inbound
     * @return the shared connection for the effective settings
     */
    BrokerConnection connection(ConnectionSettings overrides, BrokerConnections.Role role) {
        return connections.get(connectionSettings().overriddenBy(overrides).toBrokerSettings(), role);
    }

    /**
     * The built-in serializers (plus Java serialization when an allow-list is configured) and those found by
     * ServiceLoader on the adapter's class loader, with the configured decompression cap.
     */
    private MessageCodec buildCodec() {
        SerializerRegistry.Builder serializers = SerializerRegistry.builder().withBuiltIns();
        if (javaSerializationAllowList != null && !javaSerializationAllowList.isBlank()) {
            try {
                serializers.withJavaSerialization(javaSerializationAllowList);
            } catch (RuntimeException e) {
                throw new WarrenException("Invalid resource adapter property javaSerializationAllowList='"
                        + javaSerializationAllowList + "': " + e.getMessage(), e);
            }
        }
        long cap = maxDecompressedSize == null ? MessageCodec.DEFAULT_MAX_DECOMPRESSED_SIZE : maxDecompressedSize;
        if (cap <= 0) {
            throw new WarrenException("Invalid resource adapter property maxDecompressedSize=" + cap
                    + ". Fix: use a positive number of bytes (default " + MessageCodec.DEFAULT_MAX_DECOMPRESSED_SIZE
                    + ").");
        }
        return MessageCodec.builder()
                .serializers(serializers.discover(WarrenResourceAdapter.class.getClassLoader()).build())
                .maxDecompressedSize(cap)
                .build();
    }

    /**
     * The adapter's health and metrics now: readiness (every broker connection open, every activation consuming),
     * the totals and one entry per connection factory, activation and broker connection. Applications reach it through
     * {@link WarrenConnectionFactory#status()}; operators through the MBean
     * {@code dev.warren:type=ResourceAdapter,name=<metricsName>}. Thread-safe; cheap enough for a health check.
     *
     * @return the snapshot; not live (and not ready) before {@link #start} and after {@link #stop}
     */
    public AdapterStatus status() {
        Observability o = observability;
        if (o == null) {
            WarrenMetrics none = MetricsScope.build(MetricsScope.ADAPTER, metricsName, c -> 0, 0, new long[]{0, 0}, 0,
                    null);
            return new AdapterStatus(metricsName, false, false, List.of("the resource adapter is not started"), none,
                    List.of(), List.of(), List.of());
        }
        return o.status();
    }

    /** @return the metrics and readiness registry (MBeans, meters); null before start */
    Observability observability() {
        return observability;
    }

    private boolean metricsOn() {
        return !Boolean.FALSE.equals(metrics);
    }

    /** @return the adapter's codec (serializer and compression registries) */
    public MessageCodec codec() {
        return codec;
    }

    /** @return delayed work on the server's timer and WorkManager (set-up retries, consumer repairs) */
    BackgroundWork background() {
        return background;
    }

    WorkManager workManager() {
        return workManager;
    }

    /** @return the server's transaction registry, or null when it gives none */
    TransactionSynchronizationRegistry transactionRegistry() {
        return transactionRegistry;
    }

    private long shutdownTimeoutMillis() {
        return shutdownTimeout == null ? DEFAULT_SHUTDOWN_TIMEOUT : shutdownTimeout;
    }

    // config properties (ra.xml)

    /** @return the classes Java serialization may decode (JDK filter syntax, ';'-separated); empty = disabled */
    public String getJavaSerializationAllowList() { return javaSerializationAllowList; }
    /** @param v the allow-list, e.g. {@code com.example.events.*;java.util.ArrayList}; takes effect at start */
    public void setJavaSerializationAllowList(String v) { javaSerializationAllowList = v; }
    /** @return how long undeploy and adapter stop wait for in-flight deliveries, in milliseconds */
    public Integer getShutdownTimeout() { return shutdownTimeout; }
    /** @param v milliseconds (default 30000); after it, channels close and the broker requeues what is unacknowledged */
    public void setShutdownTimeout(Integer v) { shutdownTimeout = v; }
    /** @return the cap on a decompressed message body in bytes */
    public Long getMaxDecompressedSize() { return maxDecompressedSize; }
    /** @param v the cap in bytes (default 64 MiB); takes effect at start */
    public void setMaxDecompressedSize(Long v) { maxDecompressedSize = v; }

    /** @return whether metrics are counted (default true); readiness is reported either way */
    public Boolean getMetrics() { return metrics; }
    /** @param v false to count nothing (the MBeans then show zeros and no meters are registered); takes effect at start */
    public void setMetrics(Boolean v) { metrics = v == null || v; }
    /** @return the adapter's name in its MBeans ({@code dev.warren:type=ResourceAdapter,name=...}) and meter tags */
    public String getMetricsName() { return metricsName; }
    /** @param v the name (default {@code warren}); give each adapter deployed in one server its own */
    public void setMetricsName(String v) { metricsName = v == null || v.isBlank() ? DEFAULT_METRICS_NAME : v.trim(); }
    /**
     * @return whether this adapter propagates W3C trace context (publishes of its connection factories, deliveries to
     *         its message-driven beans) when OpenTelemetry's API is present; each factory and activation has its own
     *         {@code tracing} too, and both must be on (default true)
     */
    public Boolean getTracing() { return tracing; }
    /** @param v false turns trace context off for every factory and activation of this adapter; null = true */
    public void setTracing(Boolean v) { tracing = v == null || v; }

    /** JCA requires equals/hashCode on a resource adapter JavaBean: by identity of the instance. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "WarrenResourceAdapter(" + connectionSettings() + ")";
    }

    /**
     * Identifies an activation by the identity of its endpoint factory (one per message-driven bean; the
     * server may pass another spec instance at deactivation).
     */
    private record ActivationKey(Object factory) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ActivationKey && ((ActivationKey) o).factory == factory;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory);
        }
    }
}
