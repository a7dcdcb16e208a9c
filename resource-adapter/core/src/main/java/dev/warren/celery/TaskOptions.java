package dev.warren.celery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one task is sent: Celery's {@code apply_async} options. Immutable; build with {@link #builder()} or change a
 * copy with {@link #toBuilder()}. Unset values take Celery's defaults: queue, exchange and routing key
 * {@code celery} (direct), no eta, no expiry, no priority, no time limits, json, no compression, a result.
 *
 * <p>Routing, as Celery does it: naming only a {@link Builder#queue(String) queue} sends to the exchange of that
 * name with the queue's name as routing key (the exchange and the binding a Celery worker declares for
 * {@code -Q name}); an explicit exchange or routing key wins.
 *
 * <p>Thread-safe (immutable).
 */
public final class TaskOptions {
    /** Celery's default queue, exchange and routing key. */
    public static final String DEFAULT_QUEUE = "celery";
    /** Every option at Celery's default. */
    public static final TaskOptions DEFAULTS = builder().build();

    private final String queue;
    private final String exchange;
    private final String routingKey;
    private final Duration countdown;
    private final Instant eta;
    private final Duration expiresIn;
    private final Instant expires;
    private final Integer priority;
    private final int retries;
    private final Duration timeLimit;
    private final Duration softTimeLimit;
    private final String serializer;
    private final String compression;
    private final boolean ignoreResult;
    private final String taskId;
    private final String parentId;
    private final String rootId;

    private TaskOptions(Builder b) {
        this.queue = b.queue;
        this.exchange = b.exchange;
        this.routingKey = b.routingKey;
        this.countdown = b.countdown;
        this.eta = b.eta;
        this.expiresIn = b.expiresIn;
        this.expires = b.expires;
        this.priority = b.priority;
        this.retries = b.retries;
        this.timeLimit = b.timeLimit;
        this.softTimeLimit = b.softTimeLimit;
        this.serializer = b.serializer;
        this.compression = b.compression;
        this.ignoreResult = b.ignoreResult;
        this.taskId = b.taskId;
        this.parentId = b.parentId;
        this.rootId = b.rootId;
    }

    /** @return a builder with Celery's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.queue = queue;
        b.exchange = exchange;
        b.routingKey = routingKey;
        b.countdown = countdown;
        b.eta = eta;
        b.expiresIn = expiresIn;
        b.expires = expires;
        b.priority = priority;
        b.retries = retries;
        b.timeLimit = timeLimit;
        b.softTimeLimit = softTimeLimit;
        b.serializer = serializer;
        b.compression = compression;
        b.ignoreResult = ignoreResult;
        b.taskId = taskId;
        b.parentId = parentId;
        b.rootId = rootId;
        return b;
    }

    /** @return the queue name ({@link #DEFAULT_QUEUE} when unset) */
    public String queue() {
        return queue == null ? DEFAULT_QUEUE : queue;
    }

    /** @return the exchange to publish to: the explicit one, else the queue's name (Celery's routing) */
    public String exchange() {
        return exchange == null ? queue() : exchange;
    }

    /** @return the routing key: the explicit one, else the queue's name */
    public String routingKey() {
        return routingKey == null ? queue() : routingKey;
    }

    /** @return whether the exchange and routing key come from the queue name (Celery's automatic route) */
    public boolean routedByQueue() {
        return exchange == null && routingKey == null;
    }

    /** @return the delay before the task may run, or null */
    public Duration countdown() {
        return countdown;
    }

    /** @return the earliest time the task may run, or null */
    public Instant eta() {
        return eta;
    }

    /** @return the expiry relative to the send time, or null */
    public Duration expiresIn() {
        return expiresIn;
    }

    /** @return the absolute expiry, or null */
    public Instant expires() {
        return expires;
    }

    /** @return the message priority (0–255), or null */
    public Integer priority() {
        return priority;
    }

    /** @return the retry count the task sees ({@code self.request.retries}) */
    public int retries() {
        return retries;
    }

    /** @return the hard time limit, or null */
    public Duration timeLimit() {
        return timeLimit;
    }

    /** @return the soft time limit, or null */
    public Duration softTimeLimit() {
        return softTimeLimit;
    }

    /** @return the serializer name ({@code json} when unset) */
    public String serializer() {
        return serializer == null ? "json" : serializer;
    }

    /** @return the compression name, or null */
    public String compression() {
        return compression;
    }

    /** @return whether the worker is asked not to send a successful result */
    public boolean ignoreResult() {
        return ignoreResult;
    }

    /** @return the task id to use, or null for a random UUID */
    public String taskId() {
        return taskId;
    }

    /** @return the parent task's id, or null */
    public String parentId() {
        return parentId;
    }

    /** @return the root task's id, or null (then the task is its own root) */
    public String rootId() {
        return rootId;
    }

    @Override
    public String toString() {
        return "TaskOptions[queue=" + queue() + ", exchange=" + exchange() + ", routingKey=" + routingKey()
                + ", countdown=" + countdown + ", eta=" + eta + ", expiresIn=" + expiresIn + ", expires=" + expires
                + ", priority=" + priority + ", retries=" + retries + ", timeLimit=" + timeLimit + ", softTimeLimit="
                + softTimeLimit + ", serializer=" + serializer() + ", compression=" + compression + ", ignoreResult="
                + ignoreResult + "]";
    }

    /** Builds {@link TaskOptions}; not thread-safe. Each setter validates its value and names the fix. */
    public static final class Builder {
        private String queue;
        private String exchange;
        private String routingKey;
        private Duration countdown;
        private Instant eta;
        private Duration expiresIn;
        private Instant expires;
        private Integer priority;
        private int retries;
        private Duration timeLimit;
        private Duration softTimeLimit;
        private String serializer;
        private String compression;
        private boolean ignoreResult;
        private String taskId;
        private String parentId;
        private String rootId;

        private Builder() {
        }

        /** @param name the queue (a Celery worker's {@code -Q name}) @return this builder */
        public Builder queue(String name) {
            this.queue = nonBlank(name, "queue");
            return this;
        }

        /** @param name the exchange ({@code ""} for the default exchange) @return this builder */
        public Builder exchange(String name) {
            this.exchange = Objects.requireNonNull(name, "exchange");
            return this;
        }

        /** @param key the routing key @return this builder */
        public Builder routingKey(String key) {
            this.routingKey = Objects.requireNonNull(key, "routingKey");
            return this;
        }

        /** @param delay run no earlier than this long after sending (clears {@link #eta}) @return this builder */
        public Builder countdown(Duration delay) {
            this.countdown = nonNegative(delay, "countdown");
            this.eta = null;
            return this;
        }

        /** @param time run no earlier than this (clears {@link #countdown}) @return this builder */
        public Builder eta(Instant time) {
            this.eta = Objects.requireNonNull(time, "eta");
            this.countdown = null;
            return this;
        }

        /** @param ttl a worker discards the task (REVOKED, reason expired) after this long from sending @return this builder */
        public Builder expiresIn(Duration ttl) {
            this.expiresIn = nonNegative(ttl, "expiresIn");
            this.expires = null;
            return this;
        }

        /** @param time a worker discards the task (REVOKED, reason expired) after this time @return this builder */
        public Builder expires(Instant time) {
            this.expires = Objects.requireNonNull(time, "expires");
            this.expiresIn = null;
            return this;
        }

        /**
         * @param value 0–255; it matters only on a queue declared with {@code x-max-priority}
         * @return this builder
         */
        public Builder priority(int value) {
            if (value < 0 || value > 255) {
                throw new CeleryException("Task priority " + value + " is out of range. Fix: use 0–255 (and"
                        + " declare the queue with x-max-priority, Celery's task_queue_max_priority).");
            }
            this.priority = value;
            return this;
        }

        /** @param count the retry count the task sees (≥ 0) @return this builder */
        public Builder retries(int count) {
            if (count < 0) {
                throw new CeleryException("Task retries " + count + " is negative. Fix: use 0 or more.");
            }
            this.retries = count;
            return this;
        }

        /** @param limit hard time limit (the worker kills the task) @return this builder */
        public Builder timeLimit(Duration limit) {
            this.timeLimit = positive(limit, "timeLimit");
            return this;
        }

        /** @param limit soft time limit (the task gets SoftTimeLimitExceeded) @return this builder */
        public Builder softTimeLimit(Duration limit) {
            this.softTimeLimit = positive(limit, "softTimeLimit");
            return this;
        }

        /**
         * @param name a serializer of the session's codec: json (default), msgpack, yaml, pickle; the worker must
         *        list it in {@code accept_content}
         * @return this builder
         */
        public Builder serializer(String name) {
            this.serializer = nonBlank(name, "serializer");
            return this;
        }

        /** @param name a compression of the session's codec (zlib, bzip2, lzma, zstd, brotli) @return this builder */
        public Builder compression(String name) {
            this.compression = nonBlank(name, "compression");
            return this;
        }

        /** @param ignore ask the worker not to send a successful result (failures still come) @return this builder */
        public Builder ignoreResult(boolean ignore) {
            this.ignoreResult = ignore;
            return this;
        }

        /** @param id the task id (default: a random UUID) @return this builder */
        public Builder taskId(String id) {
            this.taskId = nonBlank(id, "taskId");
            return this;
        }

        /** @param id the parent task's id @return this builder */
        public Builder parentId(String id) {
            this.parentId = nonBlank(id, "parentId");
            return this;
        }

        /** @param id the root task's id @return this builder */
        public Builder rootId(String id) {
            this.rootId = nonBlank(id, "rootId");
            return this;
        }

        /** @return the options */
        public TaskOptions build() {
            return new TaskOptions(this);
        }

        private static String nonBlank(String v, String what) {
            if (v == null || v.isBlank()) {
                throw new CeleryException("Task option " + what + " '" + v + "' is blank. Fix: give a name, or"
                        + " leave the option unset for Celery's default.");
            }
            return v;
        }

        private static Duration nonNegative(Duration d, String what) {
            if (d == null || d.isNegative()) {
                throw new CeleryException("Task option " + what + " " + d + " must be zero or positive. Fix: use"
                        + " e.g. Duration.ofSeconds(10).");
            }
            return d;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new CeleryException("Task option " + what + " " + d + " must be positive. Fix: use e.g."
                        + " Duration.ofSeconds(30).");
            }
            return d;
        }
    }
}
