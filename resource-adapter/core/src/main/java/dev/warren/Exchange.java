package dev.warren;

import java.util.Map;
import java.util.Objects;

/**
 * An AMQP exchange, as kombu's {@code Exchange}: an immutable value with a name, a type and flags.
 *
 * <p>Create one with a factory ({@link #direct}, {@link #fanout}, {@link #topic}, {@link #headers}) or
 * {@link #builder(String)}; derive variants with {@link #toBuilder()}. A value is not tied to a broker; to run
 * {@link #declare()}, {@link #declarePassive()} or {@link #delete()} on the entity itself, attach it to a session
 * first: {@code exchange.attach(session).declare()} (kombu's {@code exchange.bind(channel)}; Warren keeps "bind" for
 * queue bindings). {@link #attach(Session)} returns an attached copy and never changes this value; calling a broker
 * operation on a detached exchange throws {@link NotAttachedException}. Equality ignores the session.
 *
 * <p>Thread-safety: instances are immutable and safe to share; the broker operations of an attached copy are
 * as thread-safe as its {@link Session}.
 */
public final class Exchange {
    /** The broker's default exchange (direct, name {@code ""}): routes to the queue named by the routing key. */
    public static final Exchange DEFAULT = new Builder("").type(ExchangeType.DIRECT).build();

    private final String name;
    private final ExchangeType type;
    private final boolean durable;
    private final boolean autoDelete;
    private final boolean internal;
    private final Map<String, Object> arguments;
    private final DeliveryMode deliveryMode;
    private final Session session;
    /** Cached: sessions look exchanges up in their declared set on every publish. */
    private final int hash;

    private Exchange(Builder b, Session session) {
        this.name = b.name;
        this.type = b.type;
        this.durable = b.durable;
        this.autoDelete = b.autoDelete;
        this.internal = b.internal;
        this.arguments = b.arguments;
        this.deliveryMode = b.deliveryMode;
        this.session = session;
        this.hash = Objects.hash(name, type, durable, autoDelete, internal, arguments, deliveryMode);
    }

    /** @param name exchange name @return a durable direct exchange */
    public static Exchange direct(String name) {
        return builder(name).type(ExchangeType.DIRECT).build();
    }

    /** @param name exchange name @return a durable fanout exchange */
    public static Exchange fanout(String name) {
        return builder(name).type(ExchangeType.FANOUT).build();
    }

    /** @param name exchange name @return a durable topic exchange */
    public static Exchange topic(String name) {
        return builder(name).type(ExchangeType.TOPIC).build();
    }

    /** @param name exchange name @return a durable headers exchange */
    public static Exchange headers(String name) {
        return builder(name).type(ExchangeType.HEADERS).build();
    }

    /**
     * @param name exchange name; {@code ""} is the default exchange
     * @return a builder with kombu's defaults: direct, durable, not auto-delete, not internal
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder holding this exchange's settings (not its session) */
    public Builder toBuilder() {
        return new Builder(name).type(type).durable(durable).autoDelete(autoDelete).internal(internal)
                .arguments(arguments).deliveryMode(deliveryMode);
    }

    /**
     * @param session the session to run broker operations on
     * @return a copy of this exchange attached to {@code session}; this value is unchanged
     */
    public Exchange attach(Session session) {
        return new Exchange(toBuilder(), Objects.requireNonNull(session, "session"));
    }

    /** @return whether this copy is attached to a session */
    public boolean isAttached() {
        return session != null;
    }

    /**
     * Declares this exchange on the broker (idempotent when the settings match).
     *
     * @return this attached exchange
     * @throws NotAttachedException when this copy is not attached
     * @throws BrokerException when the broker refuses, e.g. an exchange of that name exists with other settings
     */
    public Exchange declare() {
        Attached.session(session, "declare", this).declare(this);
        return this;
    }

    /**
     * Checks that the exchange exists, without creating it.
     *
     * @return this attached exchange
     * @throws NotAttachedException when this copy is not attached
     * @throws BrokerException with reply code 404 when it does not exist
     */
    public Exchange declarePassive() {
        Attached.session(session, "declarePassive", this).declarePassive(this);
        return this;
    }

    /**
     * Deletes the exchange.
     *
     * @throws NotAttachedException when this copy is not attached
     */
    public void delete() {
        Attached.session(session, "delete", this).delete(this);
    }

    /** @return the exchange name; {@code ""} for the default exchange */
    public String name() {
        return name;
    }

    /** @return the exchange type */
    public ExchangeType type() {
        return type;
    }

    /** @return whether the exchange survives a broker restart (default true) */
    public boolean durable() {
        return durable;
    }

    /** @return whether the broker deletes it when its last binding goes */
    public boolean autoDelete() {
        return autoDelete;
    }

    /** @return whether clients cannot publish to it directly (only exchange-to-exchange bindings) */
    public boolean internal() {
        return internal;
    }

    /** @return the declare arguments (e.g. {@code alternate-exchange}), unmodifiable */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** @return the delivery mode producers use by default for this exchange, or null for persistent */
    public DeliveryMode deliveryMode() {
        return deliveryMode;
    }

    /** @return whether this is the broker's default exchange */
    public boolean isDefault() {
        return name.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Exchange)) {
            return false;
        }
        Exchange e = (Exchange) o;
        return durable == e.durable && autoDelete == e.autoDelete && internal == e.internal
                && name.equals(e.name) && type == e.type && arguments.equals(e.arguments)
                && deliveryMode == e.deliveryMode;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Exchange '" + name + "'(" + type.wireName() + ")";
    }

    /** Builds {@link Exchange} values. Not thread-safe; the values it builds are. */
    public static final class Builder {
        private final String name;
        private ExchangeType type = ExchangeType.DIRECT;
        private boolean durable = true;
        private boolean autoDelete;
        private boolean internal;
        private Map<String, Object> arguments = Map.of();
        private DeliveryMode deliveryMode;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "exchange name (use \"\" for the default exchange)");
        }

        /** @param type the exchange type @return this builder */
        public Builder type(ExchangeType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** @param durable survive broker restarts (default true) @return this builder */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** @param autoDelete delete when the last binding is removed @return this builder */
        public Builder autoDelete(boolean autoDelete) {
            this.autoDelete = autoDelete;
            return this;
        }

        /** @param internal refuse direct publishes @return this builder */
        public Builder internal(boolean internal) {
            this.internal = internal;
            return this;
        }

        /** @param arguments declare arguments, copied @return this builder */
        public Builder arguments(Map<String, ?> arguments) {
            this.arguments = Maps.copy(arguments);
            return this;
        }

        /** @param deliveryMode default delivery mode of messages published to it (null = persistent) @return this builder */
        public Builder deliveryMode(DeliveryMode deliveryMode) {
            this.deliveryMode = deliveryMode;
            return this;
        }

        /** @return the immutable, detached exchange */
        public Exchange build() {
            return new Exchange(this, null);
        }
    }
}
