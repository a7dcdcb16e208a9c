package dev.warren.jca;

import dev.warren.Binding;
import dev.warren.Exchange;
import dev.warren.ExchangeType;
import dev.warren.Queue;
import dev.warren.serialization.Accept;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.util.Map;

/**
 * Configures one message-driven bean's consumption: the topology to declare (exchange, queue, bindings),
 * how many consumers and how much prefetch, the accept list and the failure policy. Set through
 * {@code @ActivationConfigProperty} or the deployment descriptor; every property is a string there.
 *
 * <p>{@link #validate()} rejects bad values with an {@link InvalidPropertyException} whose message names the
 * property, the value and the fix; the server calls it at deployment, so the deployment fails.
 *
 * <p>Threading: configured once by the server, then read-only.
 */
public class WarrenActivationSpec extends ConnectionProperties implements ActivationSpec {
    private static final long serialVersionUID = 1L;

    private String queue;
    private String exchange;
    private String exchangeType = "direct";
    private String routingKey;
    private String bindingArguments;
    private Boolean durable = Boolean.TRUE;
    private Boolean autoDelete = Boolean.FALSE;
    private Boolean exclusive = Boolean.FALSE;
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
    private transient ResourceAdapter resourceAdapter;

    @Override
    public void validate() throws InvalidPropertyException {
        toConfig();
    }

    /**
     * @return the validated activation
     * @throws InvalidPropertyException naming the property, the value and the fix
     */
    ActivationConfig toConfig() throws InvalidPropertyException {
        if (queue == null || queue.isBlank()) {
            throw invalid("queue", queue, "name the queue to consume from, e.g. propertyValue = \"feed\"");
        }
        ExchangeType type;
        try {
            type = ExchangeType.parse(exchangeType);
        } catch (RuntimeException e) {
            throw invalid("exchangeType", exchangeType, "use direct, fanout, topic or headers");
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
        FailurePolicy policy = FailurePolicy.parse(failurePolicy);
        if (policy == null) {
            throw invalid("failurePolicy", failurePolicy, "use requeue, reject or dead-letter");
        }
        if (policy == FailurePolicy.DEAD_LETTER && deadLetterExchange == null && deadLetterRoutingKey == null) {
            throw invalid("deadLetterExchange", null, "failurePolicy=dead-letter needs deadLetterExchange (an"
                    + " existing exchange) or, for the default exchange, deadLetterRoutingKey = the dead-letter"
                    + " queue's name");
        }
        Accept acceptList;
        Map<String, Object> qArgs;
        Map<String, Object> bArgs;
        try {
            acceptList = Accept.parse(accept);
        } catch (RuntimeException e) {
            throw invalid("accept", accept, "list serializer names or content types, e.g. json,yaml");
        }
        try {
            qArgs = Arguments.parse("queueArguments", queueArguments);
            bArgs = Arguments.parse("bindingArguments", bindingArguments);
        } catch (RuntimeException e) {
            throw new InvalidPropertyException(e.getMessage() + " (Warren activation spec)", e);
        }
        try {
            connectionSettings().validate("the Warren activation spec for queue '" + queue + "'");
        } catch (RuntimeException e) {
            throw new InvalidPropertyException(e.getMessage(), e);
        }
        Queue.Builder qb = Queue.builder(queue.trim()).durable(durable).autoDelete(autoDelete).exclusive(exclusive)
                .arguments(qArgs);
        if (exchange != null && !exchange.isEmpty()) {
            Exchange ex = Exchange.builder(exchange.trim()).type(type).build();
            if (type == ExchangeType.HEADERS || !bArgs.isEmpty()) {
                qb.bind(new Binding(ex, "", bArgs));
            } else {
                String keys = routingKey == null ? "" : routingKey;
                for (String key : keys.split(",", -1)) {
                    qb.bind(new Binding(ex, key.trim(), bArgs));
                }
            }
        } else if (routingKey != null && !routingKey.isBlank()) {
            throw invalid("routingKey", routingKey, "set exchange too (bindings need an exchange), or remove"
                    + " routingKey to consume from the queue as it is");
        }
        return new ActivationConfig(connectionSettings().copy(), qb.build(), prefetch, concurrency, ackBatchSize, acceptList,
                policy, maxRedeliveries, deadLetterExchange, deadLetterRoutingKey, setupAttempts, setupInterval);
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


    @Override
    public String toString() {
        return "WarrenActivationSpec(queue=" + queue + ", exchange=" + exchange + "(" + exchangeType
                + "), routingKey=" + routingKey + ", prefetch=" + prefetch + ", concurrency=" + concurrency
                + ", ackBatchSize=" + ackBatchSize + ", failurePolicy=" + failurePolicy + ", " + connectionSettings() + ")";
    }
}
