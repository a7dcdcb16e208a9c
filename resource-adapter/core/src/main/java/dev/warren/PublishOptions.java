package dev.warren;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-message publish settings, kombu's {@code publish(...)} keyword arguments, as an immutable value with
 * withers: every method returns a changed copy. Start from {@link #NONE} or {@link #to(String)}:
 * <pre>{@code
 * producer.publish(job, PublishOptions.to("video").serializer("yaml").priority(5).header("source", "cam1"));
 * }</pre>
 * Unset values (null) fall back to the producer's settings, then to kombu's defaults.
 */
public final class PublishOptions {
    /** Nothing set: the producer's defaults apply. */
    public static final PublishOptions NONE = new PublishOptions();

    String routingKey;
    String serializer;
    String contentType;
    String contentEncoding;
    String compression;
    Map<String, Object> headers = Map.of();
    Integer priority;
    Duration expiration;
    DeliveryMode deliveryMode;
    boolean mandatory;
    String messageId;
    String correlationId;
    String replyTo;
    Instant timestamp;
    String type;
    String appId;
    String userId;
    List<Object> declare = List.of();
    Duration confirmTimeout;
    RetryPolicy retry;

    private PublishOptions() {
    }

    private PublishOptions copy() {
        PublishOptions o = new PublishOptions();
        o.routingKey = routingKey;
        o.serializer = serializer;
        o.contentType = contentType;
        o.contentEncoding = contentEncoding;
        o.compression = compression;
        o.headers = headers;
        o.priority = priority;
        o.expiration = expiration;
        o.deliveryMode = deliveryMode;
        o.mandatory = mandatory;
        o.messageId = messageId;
        o.correlationId = correlationId;
        o.replyTo = replyTo;
        o.timestamp = timestamp;
        o.type = type;
        o.appId = appId;
        o.userId = userId;
        o.declare = declare;
        o.confirmTimeout = confirmTimeout;
        o.retry = retry;
        return o;
    }

    /** @param routingKey the routing key @return options with only the routing key set */
    public static PublishOptions to(String routingKey) {
        return NONE.routingKey(routingKey);
    }

    /** @param v routing key, overriding the producer's @return a copy */
    public PublishOptions routingKey(String v) {
        PublishOptions o = copy();
        o.routingKey = v;
        return o;
    }

    /** @param v serializer name (json, yaml, msgpack, pickle, text, raw, or a custom one) @return a copy */
    public PublishOptions serializer(String v) {
        PublishOptions o = copy();
        o.serializer = v;
        return o;
    }

    /**
     * Sends a raw body with an explicit content type (the body must be {@code byte[]} or {@code String}).
     *
     * @param v the content type, e.g. {@code image/png}
     * @return a copy
     */
    public PublishOptions contentType(String v) {
        PublishOptions o = copy();
        o.contentType = v;
        return o;
    }

    /** @param v the content encoding of a raw body, e.g. {@code binary} or {@code utf-8} @return a copy */
    public PublishOptions contentEncoding(String v) {
        PublishOptions o = copy();
        o.contentEncoding = v;
        return o;
    }

    /** @param v compression name (zlib, bzip2, lzma, zstd, brotli …) @return a copy */
    public PublishOptions compression(String v) {
        PublishOptions o = copy();
        o.compression = v;
        return o;
    }

    /** @param v application headers, replacing earlier ones @return a copy */
    public PublishOptions headers(Map<String, ?> v) {
        PublishOptions o = copy();
        o.headers = Maps.copy(v);
        return o;
    }

    /** @param name header name @param value header value @return a copy with that header added */
    public PublishOptions header(String name, Object value) {
        PublishOptions o = copy();
        o.headers = Maps.with(headers, name, value);
        return o;
    }

    /** @param v priority 0–255 (the queue needs x-max-priority) @return a copy */
    public PublishOptions priority(int v) {
        if (v < 0 || v > 255) {
            throw new WarrenException("Priority " + v + " is out of range. Fix: use 0 to 255.");
        }
        PublishOptions o = copy();
        o.priority = v;
        return o;
    }

    /** @param v per-message TTL; sent in milliseconds as AMQP requires @return a copy */
    public PublishOptions expiration(Duration v) {
        if (v != null && v.isNegative()) {
            throw new WarrenException("Expiration " + v + " is negative. Fix: use a zero or positive duration.");
        }
        PublishOptions o = copy();
        o.expiration = v;
        return o;
    }

    /** @param v delivery mode @return a copy */
    public PublishOptions deliveryMode(DeliveryMode v) {
        PublishOptions o = copy();
        o.deliveryMode = v;
        return o;
    }

    /** @param v return the message to the session's return listeners when no queue takes it @return a copy */
    public PublishOptions mandatory(boolean v) {
        PublishOptions o = copy();
        o.mandatory = v;
        return o;
    }

    /** @param v message id @return a copy */
    public PublishOptions messageId(String v) {
        PublishOptions o = copy();
        o.messageId = v;
        return o;
    }

    /** @param v correlation id @return a copy */
    public PublishOptions correlationId(String v) {
        PublishOptions o = copy();
        o.correlationId = v;
        return o;
    }

    /** @param v reply-to queue @return a copy */
    public PublishOptions replyTo(String v) {
        PublishOptions o = copy();
        o.replyTo = v;
        return o;
    }

    /** @param v timestamp (the wire keeps seconds) @return a copy */
    public PublishOptions timestamp(Instant v) {
        PublishOptions o = copy();
        o.timestamp = v;
        return o;
    }

    /** @param v message type name @return a copy */
    public PublishOptions type(String v) {
        PublishOptions o = copy();
        o.type = v;
        return o;
    }

    /** @param v application id @return a copy */
    public PublishOptions appId(String v) {
        PublishOptions o = copy();
        o.appId = v;
        return o;
    }

    /** @param v user id; RabbitMQ refuses it unless it is the connection's user @return a copy */
    public PublishOptions userId(String v) {
        PublishOptions o = copy();
        o.userId = v;
        return o;
    }

    /**
     * kombu's {@code declare=[...]}: entities to declare before publishing (each once per session).
     *
     * @param entities {@link Exchange}s and {@link Queue}s
     * @return a copy
     */
    public PublishOptions declare(Object... entities) {
        List<Object> list = new ArrayList<>(declare);
        for (Object e : entities) {
            if (!(e instanceof Exchange) && !(e instanceof Queue)) {
                throw new WarrenException("Cannot declare " + e + " before publishing: only Exchange and Queue"
                        + " values can be declared.");
            }
            list.add(e);
        }
        PublishOptions o = copy();
        o.declare = List.copyOf(list);
        return o;
    }

    /**
     * Waits for the broker's publisher confirm: the publish returns only once the broker has the message,
     * or throws {@link PublishException} (nacked, timed out, or — with {@link #mandatory} — unroutable).
     *
     * @param timeout how long to wait
     * @return a copy
     */
    public PublishOptions confirm(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new WarrenException("Confirm timeout " + timeout + " must be positive. Fix: use e.g."
                    + " Duration.ofSeconds(5).");
        }
        PublishOptions o = copy();
        o.confirmTimeout = timeout;
        return o;
    }

    /** @param policy retries for this publish when the connection is lost @return a copy */
    public PublishOptions retry(RetryPolicy policy) {
        PublishOptions o = copy();
        o.retry = policy;
        return o;
    }

    /** @return the routing key, or null */
    public String routingKey() {
        return routingKey;
    }

    /** @return the serializer name, or null */
    public String serializer() {
        return serializer;
    }

    /** @return the compression name, or null */
    public String compression() {
        return compression;
    }

    /** @return whether mandatory */
    public boolean mandatory() {
        return mandatory;
    }

    /** @return the headers */
    public Map<String, Object> headers() {
        return headers;
    }
}
