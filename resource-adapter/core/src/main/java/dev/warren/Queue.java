package dev.warren;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An AMQP queue and its bindings, as kombu's {@code Queue}: an immutable value.
 *
 * <p>A queue has a name ({@code ""} asks the broker to generate one), zero or more {@link Binding}s
 * (one or many exchanges, routing keys or header matches), flags and arguments. The builder offers named
 * conveniences for the common RabbitMQ arguments (message TTL, expiry, length limits, priority, dead
 * lettering, queue type). Declaring a queue declares its exchanges, then the queue, then its bindings.
 *
 * <p>Words: a {@link Binding} routes an exchange's messages to the queue; {@link Builder#bind} adds one to the value,
 * {@link #declareBinding(Binding)} and {@link Session#declareBinding} declare one on the broker. Broker operations
 * ({@link #declare()}, {@link #purge()}, {@link #delete()}, {@link #get()} …) need a copy attached to a session:
 * {@code queue.attach(session).declare()} (kombu's {@code queue.bind(channel)}); on a detached value they throw
 * {@link NotAttachedException}. {@link #attach(Session)} never changes this value. Equality ignores the session.
 *
 * <p>Thread-safety: immutable and safe to share.
 */
public final class Queue {
    private final String name;
    private final List<Binding> bindings;
    private final boolean durable;
    private final boolean exclusive;
    private final boolean autoDelete;
    private final Map<String, Object> arguments;
    private final Session session;

    private Queue(Builder b, Session session) {
        this.name = b.name;
        this.bindings = List.copyOf(b.bindings);
        this.durable = b.durable;
        this.exclusive = b.exclusive;
        this.autoDelete = b.autoDelete;
        this.arguments = b.arguments;
        this.session = session;
    }

    /**
     * @param name the queue name
     * @return a durable queue with no bindings (reachable through the default exchange by its name)
     */
    public static Queue named(String name) {
        return builder(name).build();
    }

    /**
     * kombu's {@code Queue(name, exchange, routing_key)}.
     *
     * @param name the queue name
     * @param exchange the exchange to bind to
     * @param routingKey the binding key
     * @return a durable queue bound to {@code exchange} with {@code routingKey}
     */
    public static Queue of(String name, Exchange exchange, String routingKey) {
        return builder(name).bind(exchange, routingKey).build();
    }

    /**
     * @param name the queue name; {@code ""} for a server-named queue
     * @return a builder with kombu's defaults: durable, not exclusive, not auto-delete
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder holding this queue's settings and bindings */
    public Builder toBuilder() {
        return builderNamed(name);
    }

    private Builder builderNamed(String newName) {
        Builder b = new Builder(newName).durable(durable).exclusive(exclusive).autoDelete(autoDelete)
                .arguments(arguments);
        b.bindings.addAll(bindings);
        return b;
    }

    /**
     * @param newName the name of the copy
     * @return a detached copy with another name and the same settings and bindings
     */
    public Queue withName(String newName) {
        return builderNamed(newName).build();
    }

    /**
     * @param session the session to run broker operations on
     * @return an attached copy; this value is unchanged
     */
    public Queue attach(Session session) {
        return new Queue(toBuilder(), Objects.requireNonNull(session, "session"));
    }

    /** @return whether this copy is attached to a session */
    public boolean isAttached() {
        return session != null;
    }

    /**
     * Declares the exchanges of all bindings, the queue, then the bindings.
     *
     * @return the declared queue, attached; for a server-named queue it carries the generated name
     * @throws NotAttachedException when not attached
     * @throws BrokerException when the broker refuses (e.g. inequivalent arguments)
     */
    public Queue declare() {
        return Attached.session(session, "declare", this).declare(this).attach(session);
    }

    /**
     * @return the broker's message and consumer counts
     * @throws NotAttachedException when not attached
     * @throws BrokerException with reply code 404 when the queue does not exist
     */
    public QueueInfo declarePassive() {
        return Attached.session(session, "declarePassive", this).declarePassive(this);
    }

    /**
     * @return the number of messages purged
     * @throws NotAttachedException when not attached
     */
    public long purge() {
        return Attached.session(session, "purge", this).purge(this);
    }

    /**
     * Deletes the queue and its messages.
     *
     * @throws NotAttachedException when not attached
     */
    public void delete() {
        Attached.session(session, "delete", this).delete(this);
    }

    /**
     * Declares one more binding on the broker (queue.bind; kombu's {@code queue.bind_to}). The value's
     * {@link #bindings()} are unchanged: they are what {@link #declare()} declares.
     *
     * @param binding the binding to declare
     * @throws NotAttachedException when not attached
     * @throws BrokerException when the broker refuses (e.g. the exchange does not exist)
     */
    public void declareBinding(Binding binding) {
        Attached.session(session, "declareBinding", this).declareBinding(this, binding);
    }

    /**
     * Removes one binding on the broker (queue.unbind; kombu's {@code queue.unbind_from}).
     *
     * @param binding the binding to remove
     * @throws NotAttachedException when not attached
     */
    public void deleteBinding(Binding binding) {
        Attached.session(session, "deleteBinding", this).deleteBinding(this, binding);
    }

    /**
     * Polls one message, like kombu's {@code queue.get()}; {@link Message#startTrace()} continues its producer's
     * trace where the caller processes it.
     *
     * @return the message, or empty when the queue has none ready
     * @throws NotAttachedException when not attached
     */
    public Optional<Message> get() {
        return Attached.session(session, "get", this).get(this);
    }

    /** @return the queue name; {@code ""} when the broker is to name it */
    public String name() {
        return name;
    }

    /** @return the bindings, in declaration order, unmodifiable */
    public List<Binding> bindings() {
        return bindings;
    }

    /** @return whether the queue survives a broker restart (default true) */
    public boolean durable() {
        return durable;
    }

    /** @return whether only the declaring connection may use it; deleted when that connection closes */
    public boolean exclusive() {
        return exclusive;
    }

    /** @return whether the broker deletes it when its last consumer cancels */
    public boolean autoDelete() {
        return autoDelete;
    }

    /** @return the declare arguments ({@code x-message-ttl}, {@code x-queue-type} …), unmodifiable */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** @return whether the broker generates the name */
    public boolean isServerNamed() {
        return name.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Queue)) {
            return false;
        }
        Queue q = (Queue) o;
        return durable == q.durable && exclusive == q.exclusive && autoDelete == q.autoDelete
                && name.equals(q.name) && bindings.equals(q.bindings) && arguments.equals(q.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, bindings, durable, exclusive, autoDelete, arguments);
    }

    @Override
    public String toString() {
        return "Queue '" + name + "'" + (bindings.isEmpty() ? "" : " " + bindings);
    }

    /** Builds {@link Queue} values. Not thread-safe; the values it builds are. */
    public static final class Builder {
        private final String name;
        private final List<Binding> bindings = new ArrayList<>();
        private boolean durable = true;
        private boolean exclusive;
        private boolean autoDelete;
        private Map<String, Object> arguments = Map.of();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "queue name (use \"\" for a server-named queue)");
        }

        /**
         * Adds a binding to the value (declared with the queue; nothing happens on the broker here).
         *
         * @param exchange the exchange
         * @param routingKey the binding key
         * @return this builder
         */
        public Builder bind(Exchange exchange, String routingKey) {
            return bind(Binding.of(exchange, routingKey));
        }

        /**
         * @param binding one more binding of the value (declared with the queue)
         * @return this builder
         */
        public Builder bind(Binding binding) {
            bindings.add(Objects.requireNonNull(binding, "binding"));
            return this;
        }

        /** @param durable survive restarts (default true) @return this builder */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** @param exclusive private to the declaring connection @return this builder */
        public Builder exclusive(boolean exclusive) {
            this.exclusive = exclusive;
            return this;
        }

        /** @param autoDelete delete after the last consumer goes @return this builder */
        public Builder autoDelete(boolean autoDelete) {
            this.autoDelete = autoDelete;
            return this;
        }

        /** @param arguments declare arguments, replacing earlier ones @return this builder */
        public Builder arguments(Map<String, ?> arguments) {
            this.arguments = Maps.copy(arguments);
            return this;
        }

        /** @param key argument name @param value its value, null removes it @return this builder */
        public Builder argument(String key, Object value) {
            this.arguments = Maps.with(arguments, key, value);
            return this;
        }

        /** @param ttl per-queue message TTL ({@code x-message-ttl}) @return this builder */
        public Builder messageTtl(Duration ttl) {
            return argument("x-message-ttl", ttl.toMillis());
        }

        /** @param idle delete the queue after this long unused ({@code x-expires}) @return this builder */
        public Builder expires(Duration idle) {
            return argument("x-expires", idle.toMillis());
        }

        /** @param messages maximum ready messages ({@code x-max-length}) @return this builder */
        public Builder maxLength(long messages) {
            return argument("x-max-length", messages);
        }

        /** @param bytes maximum total body size ({@code x-max-length-bytes}) @return this builder */
        public Builder maxLengthBytes(long bytes) {
            return argument("x-max-length-bytes", bytes);
        }

        /** @param priority highest priority supported, 1–255 ({@code x-max-priority}) @return this builder */
        public Builder maxPriority(int priority) {
            return argument("x-max-priority", priority);
        }

        /** @param exchange where rejected/expired messages go ({@code x-dead-letter-exchange}) @return this builder */
        public Builder deadLetterExchange(String exchange) {
            return argument("x-dead-letter-exchange", exchange);
        }

        /** @param routingKey routing key for dead-lettered messages ({@code x-dead-letter-routing-key}) @return this builder */
        public Builder deadLetterRoutingKey(String routingKey) {
            return argument("x-dead-letter-routing-key", routingKey);
        }

        /** @param type classic, quorum or stream ({@code x-queue-type}) @return this builder */
        public Builder queueType(QueueType type) {
            return argument("x-queue-type", type.wireName());
        }

        /**
         * Single active consumer ({@code x-single-active-consumer}): of the queue's consumers only one receives at
         * a time, so messages are processed in queue order; when it goes (cancelled, its channel or connection
         * closed, its node down), the next registered consumer takes over from the oldest unacknowledged message.
         * Classic and quorum queues; a stream refuses it over AMQP.
         *
         * @param enabled true to declare the queue with it; false removes the argument
         * @return this builder
         */
        public Builder singleActiveConsumer(boolean enabled) {
            return argument("x-single-active-consumer", enabled ? Boolean.TRUE : null);
        }

        /** @return the immutable, detached queue */
        public Queue build() {
            return new Queue(this, null);
        }
    }
}
