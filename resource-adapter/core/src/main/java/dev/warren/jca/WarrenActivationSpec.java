package dev.warren.jca;

import dev.warren.Binding;
import dev.warren.Exchange;
import dev.warren.ExchangeType;
import dev.warren.Queue;
import dev.warren.serialization.Accept;
import dev.warren.serialization.SerializerRegistry;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Configures one message-driven bean's consumption: the topology to declare (exchange, queue, bindings),
 * how many consumers and how much prefetch, the accept list and the failure policy. Set through
 * {@code @ActivationConfigProperty} or the deployment descriptor; every property is a string there.
 *
 * <p>{@link #validate()} rejects bad values with an {@link InvalidPropertyException} whose message names the
 * property, the value and the fix; the server calls it at deployment, so the deployment fails. A setting the
 * configuration ignores (a routing key with binding arguments or a headers exchange; a dead-letter setting under
 * failurePolicy requeue or reject) is logged as one WARNING naming it. The argument properties follow the grammar of
 * {@link Arguments}; routingKey is a comma-separated list whose keys may be quoted.
 *
 * <p>Threading: configured once by the server, then read-only.
 */
public class WarrenActivationSpec extends ConnectionProperties implements ActivationSpec {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(WarrenActivationSpec.class.getName());
    static final double DEFAULT_RETRY_MULTIPLIER = 2.0;
    static final long DEFAULT_RETRY_MAX_DELAY = 60_000L;
    /** the longest retry delay: a day (RabbitMQ's x-message-ttl allows far more; a retry is not a scheduler) */
    static final long MAX_RETRY_DELAY = 86_400_000L;

    private String queue;
    private String exchange;
    private String exchangeType = "direct";
    private String routingKey;
    private String bindingArguments;
    private Boolean durable = Boolean.TRUE;
    private Boolean autoDelete = Boolean.FALSE;
    private Boolean exclusive = Boolean.FALSE;
    private Boolean tracing = Boolean.TRUE;
    private String queueArguments;
    private Integer prefetch = 1;
    private Integer concurrency = 1;
    private Integer ackBatchSize = 1;
    private String accept = "json,text,raw";
    private String failurePolicy = "requeue";
    private Integer maxRedeliveries = 3;
    private String deadLetterExchange;
    private String deadLetterRoutingKey;
    private Integer setupAttempts = 1;
    private Long setupInterval = 2000L;
    private Long retryDelay;
    private Double retryMultiplier = DEFAULT_RETRY_MULTIPLIER;
    private Long retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
    private String protocol = "kombu";
    private String celeryTasks;
    private Boolean singleActiveConsumer = Boolean.FALSE;
    private Integer consumerPriority = 0;
    private String streamOffset;
    private transient ResourceAdapter resourceAdapter;
    private transient volatile boolean warned;

    /**
     * Checks every property; logs, once per spec, a WARNING for each setting the configuration ignores
     * ({@link #ignoredSettings()}).
     *
     * @throws InvalidPropertyException naming the property, the value and the fix
     */
    @Override
    public void validate() throws InvalidPropertyException {
        toConfig();
        celeryTaskNames();
        if (!warned) {
            warned = true;
            for (String w : ignoredSettings()) {
                LOG.warning(w);
            }
        }
    }

    /**
     * Called after {@link #toConfig()} accepted the properties.
     *
     * @return one sentence per set property that this configuration ignores (or the broker would: an argument
     *         name two letters away from a documented one), naming it, its value, why and the fix; empty when nothing
     *         is ignored
     */
    List<String> ignoredSettings() {
        List<String> out = new ArrayList<>();
        String who = "Warren activation for queue '" + ConfigText.trim(queue) + "': ";
        boolean headers = "headers".equalsIgnoreCase(ConfigText.trim(exchangeType));
        if (!ConfigText.isBlank(routingKey) && !ConfigText.isBlank(exchange)
                && (headers || !ConfigText.isBlank(bindingArguments))) {
            out.add(who + "routingKey='" + routingKey + "' is ignored, because " + (headers
                    ? "exchangeType=headers binds on message headers (bindingArguments), not on the routing key"
                    : "bindingArguments is set: the queue is bound once, with the binding arguments and the empty"
                    + " routing key") + ". Fix: remove routingKey" + (headers ? "."
                    : ", or remove bindingArguments to bind with the routing key(s)."));
        }
        for (String[] p : new String[][] {{"queueArguments", queueArguments}, {"bindingArguments", bindingArguments}}) {
            for (String key : Arguments.parse(p[0], p[1]).keySet()) {
                KnownArgument.nearMiss(key).ifPresent(meant -> out.add(who + p[0] + "='" + p[1] + "' has " + key
                        + ", which RabbitMQ does not document: the broker keeps it but it has no effect. Fix:"
                        + " write " + meant.key() + " if that is what is meant."));
            }
        }
        if (!ConfigText.isBlank(celeryTasks) && !"celery".equalsIgnoreCase(ConfigText.trim(protocol))) {
            out.add(who + "celeryTasks='" + celeryTasks + "' is ignored under protocol=" + protocol + ". Fix: set"
                    + " protocol=celery (and have the bean implement CeleryTaskListener), or remove celeryTasks.");
        }
        FailurePolicy policy = FailurePolicy.parse(ConfigText.trim(failurePolicy));
        if (policy != null && policy != FailurePolicy.DEAD_LETTER) {
            for (String[] p : new String[][] {{"deadLetterExchange", deadLetterExchange},
                    {"deadLetterRoutingKey", deadLetterRoutingKey}}) {
                if (p[1] != null) {
                    out.add(who + p[0] + "='" + p[1] + "' is ignored under failurePolicy=" + failurePolicy
                            + ": only failurePolicy=dead-letter publishes failed messages there. Fix: set"
                            + " failurePolicy=dead-letter, or remove " + p[0] + (policy == FailurePolicy.REJECT
                            ? " (for the queue's own dead-lettering of rejected messages, set queueArguments"
                            + " x-dead-letter-exchange / x-dead-letter-routing-key)." : "."));
                }
            }
        }
        if (policy == FailurePolicy.REJECT && retryDelay != null) {
            out.add(who + "retryDelay='" + retryDelay + "' is ignored under failurePolicy=reject: a rejected message"
                    + " is never retried. Fix: set failurePolicy=dead-letter (or requeue) for delayed retries, or"
                    + " remove retryDelay.");
        }
        return out;
    }

    /**
     * @return the validated activation
     * @throws InvalidPropertyException naming the property, the value and the fix
     */
    ActivationConfig toConfig() throws InvalidPropertyException {
        if (ConfigText.isBlank(queue)) {
            throw invalid("queue", queue, "name the queue to consume from, e.g. propertyValue = \"feed\"");
        }
        ExchangeType type;
        try {
            type = ExchangeType.parse(ConfigText.trim(exchangeType));
        } catch (RuntimeException e) {
            throw invalid("exchangeType", exchangeType, "use direct, fanout, topic or headers");
        }
        if (exchange != null && !exchange.isEmpty() && ConfigText.isBlank(exchange)) {
            throw invalid("exchange", exchange, "the value is blank, and the default exchange cannot be bound to;"
                    + " name an exchange, or leave exchange empty to consume from the queue as it is");
        }
        if (prefetch == null || prefetch < 0 || prefetch > 65535) {
            throw invalid("prefetch", prefetch, "use 0 (unlimited) or a count of unacknowledged messages per"
                    + " consumer between 1 and 65535, e.g. 1");
        }
        if (concurrency == null || concurrency < 1 || concurrency > 500) {
            throw invalid("concurrency", concurrency, "use the number of parallel consumers, between 1 and 500");
        }
        if (ackBatchSize == null || ackBatchSize < 1 || ackBatchSize > 65535) {
            throw invalid("ackBatchSize", ackBatchSize, "use 1 (acknowledge each message, the default) or the number"
                    + " of acknowledgements to send as one multiple-ack, between 2 and 65535, e.g. 50");
        }
        if (maxRedeliveries == null || maxRedeliveries < 0) {
            throw invalid("maxRedeliveries", maxRedeliveries, "use 0 or more retries before dead-lettering");
        }
        if (setupAttempts == null || setupAttempts == 0 || setupAttempts < -1) {
            throw invalid("setupAttempts", setupAttempts, "use -1 (retry forever), 1 (fail the deployment at once)"
                    + " or the number of attempts to reach the broker before giving up");
        }
        if (setupInterval == null || setupInterval < 100 || setupInterval > 3_600_000L) {
            throw invalid("setupInterval", setupInterval, "use the milliseconds between activation attempts,"
                    + " between 100 and 3600000, e.g. 2000");
        }
        FailurePolicy policy = FailurePolicy.parse(ConfigText.trim(failurePolicy));
        if (policy == null) {
            throw invalid("failurePolicy", failurePolicy, "use requeue, reject or dead-letter");
        }
        if (policy == FailurePolicy.DEAD_LETTER && deadLetterExchange == null && deadLetterRoutingKey == null) {
            throw invalid("deadLetterExchange", null, "failurePolicy=dead-letter needs deadLetterExchange (an"
                    + " existing exchange) or, for the default exchange, deadLetterRoutingKey = the dead-letter"
                    + " queue's name");
        }
        if (deadLetterExchange != null && !deadLetterExchange.isEmpty() && ConfigText.isBlank(deadLetterExchange)) {
            throw invalid("deadLetterExchange", deadLetterExchange, "the value is blank; name the dead-letter"
                    + " exchange, or leave it empty for the default exchange (then deadLetterRoutingKey is the"
                    + " dead-letter queue)");
        }
        RetryBackoff backoff = retryBackoff(policy);
        Accept acceptList;
        Map<String, Object> qArgs;
        Map<String, Object> bArgs;
        try {
            acceptList = AcceptList.parse(accept, registry(), !(resourceAdapter instanceof WarrenResourceAdapter));
            qArgs = Arguments.parseQueue("queueArguments", queueArguments, queueArguments);
            bArgs = Arguments.parse("bindingArguments", bindingArguments);
        } catch (RuntimeException e) {
            throw new InvalidPropertyException("Warren activation spec for queue '" + ConfigText.trim(queue) + "': "
                    + e.getMessage(), e);
        }
        try {
            connectionSettings().validate("the Warren activation spec for queue '" + queue + "'");
        } catch (RuntimeException e) {
            throw new InvalidPropertyException(e.getMessage(), e);
        }
        java.util.Map<String, Object> consumeArgs = consumerFeatures(qArgs);
        if (Boolean.TRUE.equals(singleActiveConsumer)) {
            qArgs = new java.util.LinkedHashMap<>(qArgs);
            qArgs.put("x-single-active-consumer", Boolean.TRUE);
        }
        Queue.Builder qb = Queue.builder(ConfigText.trim(queue)).durable(durable).autoDelete(autoDelete)
                .exclusive(exclusive).arguments(qArgs);
        if (exchange != null && !exchange.isEmpty()) {
            Exchange ex = Exchange.builder(ConfigText.trim(exchange)).type(type).build();
            List<String> keys = routingKeys();
            if (type == ExchangeType.HEADERS || !bArgs.isEmpty()) {
                qb.bind(new Binding(ex, "", bArgs));
            } else {
                for (String key : keys) {
                    qb.bind(new Binding(ex, key, bArgs));
                }
            }
        } else if (!ConfigText.isBlank(routingKey)) {
            throw invalid("routingKey", routingKey, "set exchange too (bindings need an exchange), or remove"
                    + " routingKey to consume from the queue as it is");
        }
        return new ActivationConfig(connectionSettings().copy(), qb.build(), prefetch, concurrency, ackBatchSize, acceptList,
                policy, maxRedeliveries, ConfigText.trim(deadLetterExchange), deadLetterRoutingKey, setupAttempts,
                setupInterval, backoff, tracing, consumeArgs);
    }

    /**
     * Checks singleActiveConsumer, consumerPriority and streamOffset against the queue arguments, prefetch and
     * concurrency.
     *
     * @param qArgs the parsed queueArguments
     * @return the basic.consume arguments: x-priority (when not 0) and x-stream-offset (when set)
     * @throws InvalidPropertyException naming the property, the value and the fix
     */
    private java.util.Map<String, Object> consumerFeatures(java.util.Map<String, Object> qArgs)
            throws InvalidPropertyException {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (consumerPriority == null) {
            throw invalid("consumerPriority", null, "use an integer, higher served first, e.g. 10; 0 is the default");
        }
        if (consumerPriority != 0) {
            out.put("x-priority", consumerPriority);
        }
        boolean stream = "stream".equals(qArgs.get("x-queue-type"));
        if (Boolean.TRUE.equals(singleActiveConsumer) && Boolean.FALSE.equals(qArgs.get("x-single-active-consumer"))) {
            throw invalid("singleActiveConsumer", singleActiveConsumer, "queueArguments has"
                    + " x-single-active-consumer=false; remove that entry, or set singleActiveConsumer=false");
        }
        if (stream && (Boolean.TRUE.equals(singleActiveConsumer)
                || Boolean.TRUE.equals(qArgs.get("x-single-active-consumer")))) {
            throw invalid("singleActiveConsumer", true, "a stream queue (queueArguments x-queue-type=stream) has no"
                    + " single active consumer for AMQP consumers; remove it, or use a quorum queue"
                    + " (x-queue-type=quorum) for one consumer at a time in queue order");
        }
        if (!ConfigText.isBlank(streamOffset)) {
            dev.warren.StreamOffset offset;
            try {
                offset = dev.warren.StreamOffset.parse(streamOffset);
            } catch (RuntimeException e) {
                throw invalid("streamOffset", streamOffset, "use first, last, next, an offset of 0 or more such as"
                        + " 1000, or an ISO-8601 timestamp with its zone such as 2026-12-01T10:00:00Z");
            }
            if (!stream) {
                throw invalid("streamOffset", streamOffset, "streamOffset applies to stream queues only; add"
                        + " x-queue-type=stream to queueArguments (the activation declares the queue as a stream),"
                        + " or remove streamOffset");
            }
            out.put("x-stream-offset", offset.argumentValue());
        }
        if (stream && prefetch == 0) {
            throw invalid("prefetch", prefetch, "a stream queue (queueArguments x-queue-type=stream) needs a prefetch"
                    + " (basic.qos) for its consumers; use 1 to 65535, e.g. 100");
        }
        if (stream && concurrency > 1) {
            throw invalid("concurrency", concurrency, "every consumer of a stream queue reads every message, so "
                    + concurrency + " consumers would deliver each message " + concurrency + " times; use 1");
        }
        return out;
    }

    /**
     * @param policy the failure policy
     * @return the backoff of retryDelay, retryMultiplier and retryMaxDelay, or null when retryDelay is not set
     * @throws InvalidPropertyException naming the property, the value and the fix
     */
    private RetryBackoff retryBackoff(FailurePolicy policy) throws InvalidPropertyException {
        if (retryMultiplier == null || retryMultiplier.isNaN() || retryMultiplier < 1.0 || retryMultiplier > 100.0) {
            throw invalid("retryMultiplier", retryMultiplier, "use a factor between 1.0 (every retry waits retryDelay)"
                    + " and 100 by which each retry's delay grows, e.g. 2.0 (the default)");
        }
        if (retryMaxDelay == null || retryMaxDelay < 1 || retryMaxDelay > MAX_RETRY_DELAY) {
            throw invalid("retryMaxDelay", retryMaxDelay, "use the longest delay between attempts in milliseconds,"
                    + " between 1 and " + MAX_RETRY_DELAY + " (a day), e.g. 60000 (the default)");
        }
        if (retryDelay == null) {
            return null;
        }
        if (retryDelay < 1 || retryDelay > MAX_RETRY_DELAY) {
            throw invalid("retryDelay", retryDelay, "use the milliseconds a failed message waits before its first"
                    + " retry, between 1 and " + MAX_RETRY_DELAY + ", e.g. 1000; or remove retryDelay to retry at once");
        }
        if (retryMaxDelay < retryDelay) {
            throw invalid("retryMaxDelay", retryMaxDelay, "the longest delay cannot be shorter than the first one"
                    + " (retryDelay=" + retryDelay + "); use retryMaxDelay >= " + retryDelay + ", or lower retryDelay");
        }
        RetryBackoff backoff = new RetryBackoff(retryDelay, retryMultiplier, retryMaxDelay);
        int queues = backoff.delays(maxRedeliveries).size();
        if (policy != FailurePolicy.REJECT && queues > RetryBackoff.MAX_QUEUES) {
            throw invalid("retryMultiplier", retryMultiplier, "with retryDelay=" + retryDelay + ", retryMaxDelay="
                    + retryMaxDelay + " and maxRedeliveries=" + maxRedeliveries + " the activation would declare "
                    + queues + " retry queues (one per distinct delay), more than " + RetryBackoff.MAX_QUEUES
                    + "; use a larger retryMultiplier (e.g. 2.0) or a lower retryMaxDelay, so the delay reaches its"
                    + " maximum sooner");
        }
        return backoff;
    }

    /**
     * @return the Celery task names the bean serves (protocol=celery), or null under protocol=kombu
     * @throws InvalidPropertyException when protocol is neither kombu nor celery, or celery has no task names
     */
    java.util.Set<String> celeryTaskNames() throws InvalidPropertyException {
        String p = ConfigText.isBlank(protocol) ? "kombu" : ConfigText.trim(protocol).toLowerCase(java.util.Locale.ROOT);
        if (p.equals("kombu")) {
            return null;
        }
        if (!p.equals("celery")) {
            throw invalid("protocol", protocol, "use kombu (plain messages to WarrenListener/WarrenBodyListener beans,"
                    + " the default) or celery (Celery task messages to a CeleryTaskListener bean)");
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (!ConfigText.isBlank(celeryTasks)) {
            for (String part : celeryTasks.split(",")) {
                String name = part.trim();
                if (name.isEmpty()) {
                    throw invalid("celeryTasks", celeryTasks, "the list has an empty entry; write the task names"
                            + " separated by single commas, e.g. java.add, java.mul");
                }
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw invalid("celeryTasks", celeryTasks, "protocol=celery needs the names of the tasks the bean serves,"
                    + " comma-separated, e.g. java.add, java.mul");
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /**
     * @return the binding keys: one empty key when routingKey is blank, otherwise the comma-separated keys (a key may
     *         be quoted to hold a comma; '' is the empty key)
     * @throws InvalidPropertyException on an empty entry or a stray quote
     */
    private List<String> routingKeys() throws InvalidPropertyException {
        if (ConfigText.isBlank(routingKey)) {
            return List.of("");
        }
        List<String> keys = new ArrayList<>();
        try {
            for (String part : ConfigText.split(routingKey, ',')) {
                if (part.isEmpty()) {
                    throw invalid("routingKey", routingKey, "the list has an empty entry (two commas in a row, or a"
                            + " comma at either end), which would bind with the empty key; remove the extra comma, or"
                            + " write '' for the empty key");
                }
                keys.add(ConfigText.unquote(part).text());
            }
        } catch (IllegalArgumentException e) {
            throw invalid("routingKey", routingKey, e.getMessage() + "; quote a whole key, e.g. 'a,b', and write a"
                    + " quote inside it twice");
        }
        return keys;
    }

    /** @return the associated adapter's serializers, or the built-in and discoverable ones before association */
    private SerializerRegistry registry() {
        return resourceAdapter instanceof WarrenResourceAdapter
                ? ((WarrenResourceAdapter) resourceAdapter).codec().serializers() : SerializerRegistry.defaults();
    }

    private static InvalidPropertyException invalid(String property, Object value, String fix) {
        return new InvalidPropertyException("Invalid Warren activation property " + property + "="
                + (value == null ? "(not set)" : "'" + value + "'") + ". Fix: " + fix + ".");
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }

    /**
     * Accepts and ignores the {@code resourceAdapter} activation property: Payara reads it to pick the adapter an
     * MDB binds to and GlassFish-family servers also hand it to the activation spec by name with its string value,
     * so MDB annotations written for Payara deploy unchanged. The adapter itself is associated by the server
     * through {@link #setResourceAdapter(ResourceAdapter)}; WildFly binds MDBs with {@code jboss-ejb3.xml} or
     * {@code @ResourceAdapter} instead.
     *
     * @param adapterName the name the MDB gave its adapter (e.g. "warren"); not used
     */
    public void setResourceAdapter(String adapterName) {
        // deliberately ignored: binding is the server's business, not a consumption setting
    }

    // activation config properties

    public String getQueue() { return queue; }
    public void setQueue(String v) { queue = v; }
    public String getExchange() { return exchange; }
    public void setExchange(String v) { exchange = v; }
    public String getExchangeType() { return exchangeType; }
    public void setExchangeType(String v) { exchangeType = v; }
    public String getRoutingKey() { return routingKey; }
    public void setRoutingKey(String v) { routingKey = v; }
    public String getBindingArguments() { return bindingArguments; }
    public void setBindingArguments(String v) { bindingArguments = v; }
    public Boolean getDurable() { return durable; }
    public void setDurable(Boolean v) { durable = v == null || v; }
    public Boolean getAutoDelete() { return autoDelete; }
    public void setAutoDelete(Boolean v) { autoDelete = v != null && v; }
    public Boolean getExclusive() { return exclusive; }
    public void setExclusive(Boolean v) { exclusive = v != null && v; }
    public String getQueueArguments() { return queueArguments; }
    public void setQueueArguments(String v) { queueArguments = v; }
    public Integer getPrefetch() { return prefetch; }
    public void setPrefetch(Integer v) { prefetch = v; }
    public Integer getConcurrency() { return concurrency; }
    public void setConcurrency(Integer v) { concurrency = v; }
    public Integer getAckBatchSize() { return ackBatchSize; }
    public void setAckBatchSize(Integer v) { ackBatchSize = v; }
    public String getAccept() { return accept; }
    public void setAccept(String v) { accept = v; }
    public String getFailurePolicy() { return failurePolicy; }
    public void setFailurePolicy(String v) { failurePolicy = v; }
    public Integer getMaxRedeliveries() { return maxRedeliveries; }
    public void setMaxRedeliveries(Integer v) { maxRedeliveries = v; }
    public String getDeadLetterExchange() { return deadLetterExchange; }
    public void setDeadLetterExchange(String v) { deadLetterExchange = v; }
    public String getDeadLetterRoutingKey() { return deadLetterRoutingKey; }
    public void setDeadLetterRoutingKey(String v) { deadLetterRoutingKey = v == null || v.isEmpty() ? null : v; }

    public Integer getSetupAttempts() { return setupAttempts; }
    public void setSetupAttempts(Integer v) { setupAttempts = v; }
    public Long getSetupInterval() { return setupInterval; }
    public void setSetupInterval(Long v) { setupInterval = v; }
    /** @return milliseconds before the first retry of a failed message, or null (the default): retry at once */
    public Long getRetryDelay() { return retryDelay; }
    public void setRetryDelay(Long v) { retryDelay = v; }
    /** @return the factor each further retry delay grows by (default 2.0) */
    public Double getRetryMultiplier() { return retryMultiplier; }
    public void setRetryMultiplier(Double v) { retryMultiplier = v; }
    /** @return the longest retry delay in milliseconds (default 60000) */
    public Long getRetryMaxDelay() { return retryMaxDelay; }
    public void setRetryMaxDelay(Long v) { retryMaxDelay = v; }
    public String getProtocol() { return protocol; }
    public void setProtocol(String v) { protocol = v; }
    public String getCeleryTasks() { return celeryTasks; }
    public void setCeleryTasks(String v) { celeryTasks = v; }
    /** @return whether the queue is declared with x-single-active-consumer=true (default false) */
    public Boolean getSingleActiveConsumer() { return singleActiveConsumer; }
    public void setSingleActiveConsumer(Boolean v) { singleActiveConsumer = v != null && v; }
    /** @return the consumers' x-priority consume argument (default 0: not sent) */
    public Integer getConsumerPriority() { return consumerPriority; }
    public void setConsumerPriority(Integer v) { consumerPriority = v; }
    /** @return where consumers of a stream queue start reading (x-stream-offset), or null (the broker's next) */
    public String getStreamOffset() { return streamOffset; }
    public void setStreamOffset(String v) { streamOffset = v; }
    /**
     * @return whether deliveries run inside the trace context of the message's W3C {@code traceparent} header, with a
     *         consumer span, when OpenTelemetry's API is present (default true; off when the adapter's is off)
     */
    public Boolean getTracing() { return tracing; }
    /** @param v false to deliver without trace context (also when the adapter's {@code tracing} is false); null = true */
    public void setTracing(Boolean v) { tracing = v == null || v; }


    @Override
    public String toString() {
        return "WarrenActivationSpec(queue=" + queue + ", exchange=" + exchange + "(" + exchangeType
                + "), routingKey=" + routingKey + ", prefetch=" + prefetch + ", concurrency=" + concurrency
                + ", ackBatchSize=" + ackBatchSize + ", failurePolicy=" + failurePolicy
                + (retryDelay == null ? "" : ", retryDelay=" + retryDelay + ", retryMultiplier=" + retryMultiplier
                + ", retryMaxDelay=" + retryMaxDelay) + ", protocol=" + protocol
                + (celeryTasks == null ? "" : ", celeryTasks=" + celeryTasks) + (tracing ? "" : ", tracing=false")
                + (Boolean.TRUE.equals(singleActiveConsumer) ? ", singleActiveConsumer=true" : "")
                + (consumerPriority == null || consumerPriority == 0 ? "" : ", consumerPriority=" + consumerPriority)
                + (streamOffset == null ? "" : ", streamOffset=" + streamOffset) + ", " + connectionSettings() + ")";
    }
}
