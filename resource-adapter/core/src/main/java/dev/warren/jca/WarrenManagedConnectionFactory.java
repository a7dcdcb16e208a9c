package dev.warren.jca;

import dev.warren.Exchange;
import dev.warren.ExchangeType;
import dev.warren.amqp.BrokerConnections;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;

import javax.security.auth.Subject;
import dev.warren.RetryPolicy;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The outbound connection definition: creates {@link WarrenManagedConnection}s (one AMQP channel each, on
 * the adapter's shared outbound connection) for the application server's pool, and the
 * {@link WarrenConnectionFactory} applications look up.
 *
 * <p>Config properties: the connection settings as overrides of the adapter's, plus defaultSerializer,
 * compression, defaultExchange, defaultExchangeType, defaultRoutingKey, publisherConfirms,
 * publisherConfirmTimeout, accept, declarations, and the publish retry policy retry, retryMaxRetries,
 * retryIntervalStart, retryIntervalStep, retryIntervalMax (see ra.xml and docs/configuration.md).
 *
 * <p>Threading: setters are called once by the server; the rest is thread-safe.
 */
public class WarrenManagedConnectionFactory extends ConnectionProperties
        implements ManagedConnectionFactory, ResourceAdapterAssociation, ValidatingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(WarrenManagedConnectionFactory.class.getName());
    /**
     * Publish retry defaults (kombu's retry_policy names): waits of 1, 2, 3, 3, 3 s — 12 s in all, which covers the
     * client's reconnection after networkRecoveryInterval (5 s by default) with room to spare.
     */
    static final int DEFAULT_RETRY_MAX_RETRIES = 5;
    static final int DEFAULT_RETRY_INTERVAL_START = 1000;
    static final int DEFAULT_RETRY_INTERVAL_STEP = 1000;
    static final int DEFAULT_RETRY_INTERVAL_MAX = 3000;

    private String defaultSerializer = "json";
    private String compression;
    private String defaultExchange = "";
    private String defaultExchangeType = "direct";
    private String defaultRoutingKey = "";
    private Boolean publisherConfirms = Boolean.FALSE;
    private Integer publisherConfirmTimeout = 5000;
    private String accept = "json,text,raw";
    private String declarations;
    private Boolean retry = Boolean.TRUE;
    private Integer retryMaxRetries = DEFAULT_RETRY_MAX_RETRIES;
    private Integer retryIntervalStart = DEFAULT_RETRY_INTERVAL_START;
    private Integer retryIntervalStep = DEFAULT_RETRY_INTERVAL_STEP;
    private Integer retryIntervalMax = DEFAULT_RETRY_INTERVAL_MAX;
    private Boolean tracing = Boolean.TRUE;

    private transient WarrenResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile MessageCodec codec;
    private transient volatile boolean warnedConfirmSwitch;
    private String metricsName;
    /** this factory's counts; OFF until registered with the adapter's metrics */
    private transient volatile DeliveryRecorder recorder = DeliveryRecorder.OFF;
    private transient volatile MetricsScope scope;
    /** the broker connection its channels were last opened on, for the connection state in its metrics */
    private transient volatile dev.warren.amqp.BrokerConnection lastConnection;

    @Override
    public Object createConnectionFactory(ConnectionManager cm) throws ResourceException {
        validate();
        registerMetrics();
        return new WarrenConnectionFactoryImpl(this, cm);
    }

    /**
     * Adds this factory to the adapter's metrics (an MBean {@code dev.warren:type=ConnectionFactory,name=...}), once;
     * an equal factory the server created before is replaced. Named by metricsName, else connectionName, else
     * {@code connection-factory}.
     */
    private synchronized void registerMetrics() {
        Observability o = resourceAdapter == null ? null : resourceAdapter.observability();
        if (o == null || scope != null) {
            return;
        }
        DeliveryRecorder r = o.recorder();
        String n = metricsName != null ? metricsName : getConnectionName() != null ? getConnectionName()
                : "connection-factory";
        scope = o.add(new MetricsScope(MetricsScope.DEFINITION, n, r, () -> 0, () -> lastConnection, () -> null), this);
        recorder = r;
    }

    /** @return this factory's counts (a disabled recorder before it is registered, or with metrics off) */
    DeliveryRecorder recorder() {
        return recorder;
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new jakarta.resource.NotSupportedException("Warren's connection factory needs an application server"
                + " connection manager (pooling). Fix: look the factory up in JNDI instead of creating it yourself.");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        try {
            dev.warren.amqp.BrokerConnection c = adapter().connection(connectionSettings(), BrokerConnections.Role.OUTBOUND);
            lastConnection = c;
            return new WarrenManagedConnection(this, c);
        } catch (dev.warren.WarrenException e) {
            // the JCA contract: the server's pool reports a ResourceException; the message names setting and fix
            throw new jakarta.resource.spi.ResourceAllocationException(e.getMessage(), e);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object o : candidates) {
            if (o instanceof WarrenManagedConnection) {
                WarrenManagedConnection mc = (WarrenManagedConnection) o;
                if (mc.factory() == this && mc.isUsable()) {
                    return mc;
                }
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set candidates) {
        Set invalid = new HashSet();
        for (Object o : candidates) {
            if (o instanceof WarrenManagedConnection && !((WarrenManagedConnection) o).isUsable()) {
                invalid.add(o);
            }
        }
        return invalid;
    }

    /**
     * Checks the properties.
     *
     * @throws InvalidPropertyException naming the property, the value and the fix
     */
    public void validate() throws InvalidPropertyException {
        try {
            connectionSettings().validate("the Warren connection factory");
        } catch (RuntimeException e) {
            throw new InvalidPropertyException(e.getMessage(), e);
        }
        MessageCodec base = resourceAdapter != null ? resourceAdapter.codec() : MessageCodec.defaults();
        if (defaultSerializer != null && base.serializers().byName(defaultSerializer).isEmpty()) {
            throw invalid("defaultSerializer", defaultSerializer, "no serializer of that name is registered"
                    + " (registered: " + String.join(", ", base.serializers().names()) + ")", "use one of those,"
                    + " or register it (META-INF/services/dev.warren.serialization.Serializer)");
        }
        for (Object[] p : new Object[][]{{"retryMaxRetries", retryMaxRetries, "5"},
                {"retryIntervalStart", retryIntervalStart, "1000"}, {"retryIntervalStep", retryIntervalStep, "1000"},
                {"retryIntervalMax", retryIntervalMax, "3000"}}) {
            if (p[1] == null || (Integer) p[1] < 0) {
                throw invalid((String) p[0], p[1], "not a number >= 0", "give a number >= 0 (default " + p[2]
                        + (p[0].equals("retryMaxRetries") ? "" : " ms") + "), or retry=false to turn publish retries off");
            }
        }
        if (compression != null && base.compressions().byName(compression).isEmpty()
                && base.compressions().byHeader(compression).isEmpty()) {
            throw invalid("compression", compression, "no compression of that name is registered (registered: "
                    + String.join(", ", base.compressions().names()) + ")", "use one of those, or leave compression"
                    + " empty for none");
        }
        try {
            ExchangeType.parse(defaultExchangeType);
        } catch (RuntimeException e) {
            throw invalid("defaultExchangeType", defaultExchangeType, "not an exchange type",
                    "use direct, fanout, topic or headers");
        }
        try {
            codec();
            Declarations.parse(declarations);
            acceptList();
        } catch (RuntimeException e) {
            throw new InvalidPropertyException("Warren connection factory: " + e.getMessage(), e);
        }
        if (publisherConfirmTimeout == null || publisherConfirmTimeout <= 0) {
            throw invalid("publisherConfirmTimeout", publisherConfirmTimeout, "not a positive number of milliseconds",
                    "give milliseconds > 0, e.g. 5000");
        }
    }

    private static InvalidPropertyException invalid(String property, Object value, String problem, String fix) {
        return new InvalidPropertyException("Invalid property " + property + "=" + (value == null ? "(not set)"
                : "'" + value + "'") + " on the Warren connection factory: " + problem + ". Fix: " + fix + ".");
    }

    WarrenResourceAdapter adapter() throws ResourceException {
        if (resourceAdapter == null) {
            throw new jakarta.resource.spi.IllegalStateException("The Warren connection factory is not associated"
                    + " with a resource adapter. Fix: deploy it through the warren rar (connection definition).");
        }
        return resourceAdapter;
    }

    /** @return the codec: the adapter's registries with this factory's default serializer */
    MessageCodec codec() {
        MessageCodec c = codec;
        if (c == null) {
            MessageCodec base = resourceAdapter != null ? resourceAdapter.codec() : MessageCodec.defaults();
            c = defaultSerializer == null ? base : base.toBuilder().defaultSerializer(defaultSerializer).build();
            if (compression != null) {
                c.compressions().require(compression);
            }
            codec = c;
        }
        return c;
    }

    /** @return the publish retry policy for connection losses (none when retry is false) */
    RetryPolicy retryPolicy() {
        if (!Boolean.TRUE.equals(retry)) {
            return RetryPolicy.NONE;
        }
        return new RetryPolicy(retryMaxRetries, Duration.ofMillis(retryIntervalStart),
                Duration.ofMillis(retryIntervalStep), Duration.ofMillis(retryIntervalMax));
    }

    /** @return the accept list for polled messages, checked against the adapter's serializers */
    Accept acceptList() {
        return AcceptList.parse(accept, resourceAdapter != null ? resourceAdapter.codec().serializers()
                : MessageCodec.defaults().serializers(), resourceAdapter == null);
    }

    Exchange defaultExchangeValue() {
        return defaultExchange.isEmpty() ? Exchange.DEFAULT
                : Exchange.builder(defaultExchange).type(ExchangeType.parse(defaultExchangeType)).build();
    }

    List<Object> declarationList() {
        return Declarations.parse(declarations);
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof WarrenResourceAdapter)) {
            throw new jakarta.resource.spi.IllegalStateException("Expected the Warren resource adapter, got " + ra);
        }
        this.resourceAdapter = (WarrenResourceAdapter) ra;
        this.codec = null;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    // config properties


    public String getDefaultSerializer() { return defaultSerializer; }
    public void setDefaultSerializer(String v) { defaultSerializer = blankToNull(v); codec = null; }
    public String getCompression() { return compression; }
    public void setCompression(String v) { compression = blankToNull(v); }
    public String getDefaultExchange() { return defaultExchange; }
    public void setDefaultExchange(String v) { defaultExchange = v == null ? "" : ConfigText.trim(v); }
    public String getDefaultExchangeType() { return defaultExchangeType; }
    public void setDefaultExchangeType(String v) { defaultExchangeType = ConfigText.isBlank(v) ? "direct" : ConfigText.trim(v); }
    public String getDefaultRoutingKey() { return defaultRoutingKey; }
    public void setDefaultRoutingKey(String v) { defaultRoutingKey = v == null ? "" : v; }
    public Boolean getPublisherConfirms() { return publisherConfirms; }
    public void setPublisherConfirms(Boolean v) { publisherConfirms = Boolean.TRUE.equals(v); }
    public Integer getPublisherConfirmTimeout() { return publisherConfirmTimeout; }
    public void setPublisherConfirmTimeout(Integer v) { publisherConfirmTimeout = v; }
    public String getAccept() { return accept; }
    public void setAccept(String v) { accept = blankToNull(v); }
    public String getDeclarations() { return declarations; }
    public void setDeclarations(String v) { declarations = blankToNull(v); }
    /** @return whether publishes that hit a lost connection are retried (kombu's retry) */
    public Boolean getRetry() { return retry; }
    /** @param v true (default) to retry publishes that hit a lost connection, outside transactions */
    public void setRetry(Boolean v) { retry = v == null || v; }
    /** @return retries after the first attempt (kombu's max_retries) */
    public Integer getRetryMaxRetries() { return retryMaxRetries; }
    /** @param v retries after the first attempt (default 5) */
    public void setRetryMaxRetries(Integer v) { retryMaxRetries = v == null ? DEFAULT_RETRY_MAX_RETRIES : v; }
    /** @return milliseconds before the first retry (kombu's interval_start) */
    public Integer getRetryIntervalStart() { return retryIntervalStart; }
    /** @param v milliseconds before the first retry (default 1000) */
    public void setRetryIntervalStart(Integer v) { retryIntervalStart = v == null ? DEFAULT_RETRY_INTERVAL_START : v; }
    /** @return milliseconds added to the wait after each retry (kombu's interval_step) */
    public Integer getRetryIntervalStep() { return retryIntervalStep; }
    /** @param v milliseconds added to the wait after each retry (default 1000) */
    public void setRetryIntervalStep(Integer v) { retryIntervalStep = v == null ? DEFAULT_RETRY_INTERVAL_STEP : v; }
    /** @return the longest wait between retries in milliseconds (kombu's interval_max) */
    public Integer getRetryIntervalMax() { return retryIntervalMax; }
    /** @param v the longest wait in milliseconds (default 3000) */
    public void setRetryIntervalMax(Integer v) { retryIntervalMax = v == null ? DEFAULT_RETRY_INTERVAL_MAX : v; }

    /** @return this factory's name in its MBean and meter tags; null = connectionName, else connection-factory */
    public String getMetricsName() { return metricsName; }
    /** @param v the name of this factory's MBean {@code dev.warren:type=ConnectionFactory,name=...} and meters */
    public void setMetricsName(String v) { metricsName = blankToNull(v); }
    /**
     * @return whether publishes through this factory's connections carry the current W3C trace context (with a
     *         producer span) when OpenTelemetry's API is present (default true; off when the adapter's is off)
     */
    public Boolean getTracing() { return tracing; }
    /** @param v false to publish without trace context (also when the adapter's {@code tracing} is false); null = true */
    public void setTracing(Boolean v) { tracing = v == null || v; }

    /** @return whether the pooled channels propagate trace context: this factory's and the adapter's switch */
    boolean tracingOn() {
        return tracing && (resourceAdapter == null || Boolean.TRUE.equals(resourceAdapter.getTracing()));
    }

    private static String blankToNull(String s) {
        return ConfigText.trimToNull(s);
    }

    /**
     * A producer asked for confirms on a pooled channel of this factory, which does not have
     * {@code publisherConfirms}: the channel switches to confirm mode until it returns to the pool (where it is
     * replaced by a fresh channel, which costs a channel close and open). Said once per factory, with the fix.
     */
    void confirmModeSwitched(Object channel) {
        if (!warnedConfirmSwitch) {
            warnedConfirmSwitch = true;
            LOG.warning("A producer asked for publisher confirms on pooled channel " + channel
                    + " of connection factory " + this + ", which has publisherConfirms=false: the channel switches to"
                    + " confirm mode while in use and is replaced by a fresh channel when it returns to the pool (a"
                    + " channel close and open each time). Fix: publish confirmed messages through a factory with"
                    + " publisherConfirms=true and keep unconfirmed traffic on this one. (Logged once per factory.)");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WarrenManagedConnectionFactory)) {
            return false;
        }
        WarrenManagedConnectionFactory f = (WarrenManagedConnectionFactory) o;
        return connectionSettings().equals(f.connectionSettings()) && Objects.equals(defaultSerializer, f.defaultSerializer)
                && Objects.equals(compression, f.compression) && defaultExchange.equals(f.defaultExchange)
                && defaultExchangeType.equals(f.defaultExchangeType) && defaultRoutingKey.equals(f.defaultRoutingKey)
                && publisherConfirms.equals(f.publisherConfirms)
                && Objects.equals(publisherConfirmTimeout, f.publisherConfirmTimeout)
                && Objects.equals(accept, f.accept) && Objects.equals(declarations, f.declarations)
                && Objects.equals(retry, f.retry) && Objects.equals(retryMaxRetries, f.retryMaxRetries)
                && Objects.equals(retryIntervalStart, f.retryIntervalStart)
                && Objects.equals(retryIntervalStep, f.retryIntervalStep)
                && Objects.equals(retryIntervalMax, f.retryIntervalMax) && tracing.equals(f.tracing)
                && Objects.equals(metricsName, f.metricsName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionSettings(), defaultSerializer, compression, defaultExchange, defaultRoutingKey, accept,
                declarations);
    }

    @Override
    public String toString() {
        return "WarrenManagedConnectionFactory(" + connectionSettings() + ", defaultExchange='" + defaultExchange
                + "', defaultRoutingKey='" + defaultRoutingKey + "', publisherConfirms=" + publisherConfirms + ")";
    }
}
