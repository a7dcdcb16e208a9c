package dev.warren.jca;

import dev.warren.Exchange;
import dev.warren.ExchangeType;
import dev.warren.WarrenException;

import jakarta.resource.Referenceable;

import javax.naming.Reference;
import java.io.Serializable;

/**
 * Administered object: an exchange a deployer defines in the application server (ra.xml adminobject,
 * {@code @AdministeredObjectDefinition}, or asadmin) and applications look up in JNDI, then use as the
 * core's immutable {@link Exchange} via {@link #toExchange()}.
 *
 * <p>Properties: name, type (direct, fanout, topic, headers; default direct), durable (default true),
 * autoDelete (default false), internal (default false), arguments ("alternate-exchange=unrouted", in the grammar of
 * {@link Arguments}).
 * Threading: configured once by the server; {@link #toExchange()} is safe from any thread.
 */
public class ExchangeDefinition implements Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    /**
     * Set by a server that binds the object through a JNDI reference. Being {@link Referenceable} is what makes
     * IronJacamar (WildFly) bind this object itself: it wraps an admin object that is not in a
     * {@link java.lang.reflect.Proxy} of its interfaces, which applications could not cast to this class.
     */
    private Reference reference;

    private String name = "";
    private String type = "direct";
    private Boolean durable = Boolean.TRUE;
    private Boolean autoDelete = Boolean.FALSE;
    private Boolean internal = Boolean.FALSE;
    private String arguments;

    /**
     * @return the exchange value
     * @throws dev.warren.WarrenException naming the property when type or arguments are invalid
     */
    public Exchange toExchange() {
        String exchangeName = ConfigText.trim(name);
        String owner = "ExchangeDefinition '" + exchangeName + "'";
        if (exchangeName.isEmpty()) {
            throw new WarrenException("Invalid property name='" + name + "' of an ExchangeDefinition: the exchange has"
                    + " no name. Fix: name the exchange (the default exchange needs no definition: it is"
                    + " Exchange.DEFAULT).");
        }
        ExchangeType t;
        try {
            t = ExchangeType.parse(type);
        } catch (WarrenException e) {
            throw new WarrenException("Invalid property type='" + type + "' of " + owner + ": not an exchange type."
                    + " Fix: use direct, fanout, topic or headers.", e);
        }
        return Exchange.builder(exchangeName).type(t).durable(durable).autoDelete(autoDelete).internal(internal)
                .arguments(AdminObjects.arguments(owner, arguments)).build();
    }

    public String getName() { return name; }
    public void setName(String v) { name = v == null ? "" : v; }
    public String getType() { return type; }
    public void setType(String v) { type = ConfigText.isBlank(v) ? "direct" : ConfigText.trim(v); }
    public Boolean getDurable() { return durable; }
    public void setDurable(Boolean v) { durable = v == null || v; }
    public Boolean getAutoDelete() { return autoDelete; }
    public void setAutoDelete(Boolean v) { autoDelete = v != null && v; }
    public Boolean getInternal() { return internal; }
    public void setInternal(Boolean v) { internal = v != null && v; }
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
        return "ExchangeDefinition(" + ConfigText.trim(name) + ", " + type + ")";
    }
}
