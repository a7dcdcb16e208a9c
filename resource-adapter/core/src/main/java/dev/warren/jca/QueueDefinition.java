package dev.warren.jca;

import dev.warren.Exchange;
import dev.warren.ExchangeType;
import dev.warren.Queue;
import dev.warren.WarrenException;

import jakarta.resource.Referenceable;

import javax.naming.Reference;
import java.io.Serializable;

/**
 * Administered object: a queue with its bindings, defined by a deployer and looked up by applications in
 * JNDI; {@link #toQueue()} gives the core's immutable {@link Queue}, ready to declare.
 *
 * <p>Properties: name, bindings ("exchange:key,exchange:key"; the exchanges are durable, of type
 * bindingExchangeType, default direct; a part may be quoted: media:'a,b'), durable (default true), exclusive
 * (default false), autoDelete (default false), arguments ("x-message-ttl=60000,x-queue-type=quorum", in the
 * grammar of {@link Arguments}), queueType (classic, quorum or stream: x-queue-type; default unset, the broker's
 * classic), singleActiveConsumer (x-single-active-consumer=true; default false).
 * Threading: configured once by the server; {@link #toQueue()} is safe from any thread.
 */
public class QueueDefinition implements Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    /**
     * Set by a server that binds the object through a JNDI reference. Being {@link Referenceable} is what makes
     * IronJacamar (WildFly) bind this object itself: it wraps an admin object that is not in a
     * {@link java.lang.reflect.Proxy} of its interfaces, which applications could not cast to this class.
     */
    private Reference reference;

    private String name = "";
    private String bindings;
    private String bindingExchangeType = "direct";
    private Boolean durable = Boolean.TRUE;
    private Boolean exclusive = Boolean.FALSE;
    private Boolean autoDelete = Boolean.FALSE;
    private String arguments;
    private String queueType;
    private Boolean singleActiveConsumer = Boolean.FALSE;

    /**
     * @return the queue value with its bindings (to durable exchanges of type bindingExchangeType, without
     *         arguments)
     * @throws WarrenException naming the property when bindings or arguments are invalid
     */
    public Queue toQueue() {
        return toQueue(new Exchange[0]);
    }

    /**
     * Binds to the given exchanges where their names match a binding, so declaring the queue (which declares its
     * bindings' exchanges too) does not redeclare an exchange with other settings, e.g. without the
     * alternate-exchange its {@link ExchangeDefinition} has (the broker would refuse: 406 inequivalent arg).
     *
     * @param exchanges exchanges the bindings may name, e.g. {@code media.toExchange()}
     * @return the queue value with its bindings
     * @throws WarrenException naming the property when bindings or arguments are invalid
     */
    public Queue toQueue(Exchange... exchanges) {
        String owner = "QueueDefinition '" + name + "'";
        java.util.Map<String, Object> args = AdminObjects.arguments(owner, arguments);
        Queue.Builder b = Queue.builder(name).durable(durable).exclusive(exclusive).autoDelete(autoDelete)
                .arguments(args);
        if (!ConfigText.isBlank(queueType)) {
            dev.warren.QueueType t;
            try {
                t = dev.warren.QueueType.parse(ConfigText.trim(queueType));
            } catch (WarrenException e) {
                throw new WarrenException("Invalid property queueType='" + queueType + "' of " + owner + ": not a"
                        + " queue type. Fix: use classic, quorum or stream.", e);
            }
            Object other = args.get("x-queue-type");
            if (other != null && !other.equals(t.wireName())) {
                throw new WarrenException("Invalid property queueType='" + queueType + "' of " + owner + ": arguments"
                        + " has x-queue-type=" + other + ". Fix: set the type in one place only.");
            }
            b.queueType(t);
        }
        if (Boolean.TRUE.equals(singleActiveConsumer)) {
            if (Boolean.FALSE.equals(args.get("x-single-active-consumer"))) {
                throw new WarrenException("Invalid property singleActiveConsumer='true' of " + owner + ": arguments"
                        + " has x-single-active-consumer=false. Fix: set it in one place only.");
            }
            b.singleActiveConsumer(true);
        }
        ExchangeType type;
        try {
            type = ExchangeType.parse(bindingExchangeType);
        } catch (WarrenException e) {
            throw new WarrenException("Invalid property bindingExchangeType='" + bindingExchangeType + "' of " + owner
                    + ": not an exchange type. Fix: use direct, fanout, topic or headers.", e);
        }
        for (String[] pair : AdminObjects.bindings(owner, bindings)) {
            Exchange exchange = Exchange.builder(pair[0]).type(type).build();
            for (Exchange known : exchanges) {
                if (known.name().equals(pair[0])) {
                    exchange = known;
                }
            }
            b.bind(exchange, pair[1]);
        }
        return b.build();
    }

    public String getName() { return name; }
    public void setName(String v) { name = v == null ? "" : ConfigText.trim(v); }
    public String getBindings() { return bindings; }
    public void setBindings(String v) { bindings = v; }
    public String getBindingExchangeType() { return bindingExchangeType; }
    public void setBindingExchangeType(String v) { bindingExchangeType = ConfigText.isBlank(v) ? "direct" : ConfigText.trim(v); }
    public Boolean getDurable() { return durable; }
    public void setDurable(Boolean v) { durable = v == null || v; }
    public Boolean getExclusive() { return exclusive; }
    public void setExclusive(Boolean v) { exclusive = v != null && v; }
    public Boolean getAutoDelete() { return autoDelete; }
    public void setAutoDelete(Boolean v) { autoDelete = v != null && v; }
    public String getArguments() { return arguments; }
    public void setArguments(String v) { arguments = v; }
    /** @return classic, quorum or stream (x-queue-type), or null for the broker's default (classic) */
    public String getQueueType() { return queueType; }
    public void setQueueType(String v) { queueType = v; }
    /** @return whether the queue is declared with x-single-active-consumer=true (default false) */
    public Boolean getSingleActiveConsumer() { return singleActiveConsumer; }
    public void setSingleActiveConsumer(Boolean v) { singleActiveConsumer = v != null && v; }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "QueueDefinition(" + name + ", bindings=" + bindings + ")";
    }
}
