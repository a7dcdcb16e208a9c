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
 * bindingExchangeType, default direct), durable (default true), exclusive (default false), autoDelete
 * (default false), arguments ("x-message-ttl=60000,x-queue-type=quorum").
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

    /**
     * @return the queue value with its bindings
     * @throws WarrenException naming the property when bindings or arguments are invalid
     */
    public Queue toQueue() {
        Queue.Builder b = Queue.builder(name).durable(durable).exclusive(exclusive).autoDelete(autoDelete)
                .arguments(Arguments.parse("arguments", arguments));
        ExchangeType type = ExchangeType.parse(bindingExchangeType);
        if (bindings != null && !bindings.isBlank()) {
            for (String item : bindings.split(",")) {
                String it = item.trim();
                int colon = it.indexOf(':');
                if (colon <= 0) {
                    throw new WarrenException("Invalid property bindings='" + bindings + "' of queue '" + name
                            + "': '" + it + "' is not exchange:routingKey. Fix: write e.g. media:video,media:clip.");
                }
                b.bind(Exchange.builder(it.substring(0, colon)).type(type).build(), it.substring(colon + 1));
            }
        }
        return b.build();
    }

    public String getName() { return name; }
    public void setName(String v) { name = v == null ? "" : v.trim(); }
    public String getBindings() { return bindings; }
    public void setBindings(String v) { bindings = v; }
    public String getBindingExchangeType() { return bindingExchangeType; }
    public void setBindingExchangeType(String v) { bindingExchangeType = v == null || v.isBlank() ? "direct" : v.trim(); }
    public Boolean getDurable() { return durable; }
    public void setDurable(Boolean v) { durable = v == null || v; }
    public Boolean getExclusive() { return exclusive; }
    public void setExclusive(Boolean v) { exclusive = v != null && v; }
    public Boolean getAutoDelete() { return autoDelete; }
    public void setAutoDelete(Boolean v) { autoDelete = v != null && v; }
    public String getArguments() { return arguments; }
    public void setArguments(String v) { arguments = v; }

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
