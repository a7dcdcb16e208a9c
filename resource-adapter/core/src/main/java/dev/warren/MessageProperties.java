package dev.warren;

import java.time.Instant;
import java.util.Map;

/**
 * The AMQP 0-9-1 basic properties of a message, immutable. Header values are plain Java values: the
 * client's {@code LongString}s arrive as {@code String}, nested tables as {@code Map}, arrays as
 * {@code List}, timestamps as {@link Instant}.
 *
 * @param contentType e.g. {@code application/json}
 * @param contentEncoding e.g. {@code utf-8} or {@code binary}
 * @param headers application headers (kombu puts {@code compression} here), never null
 * @param deliveryMode persistent or transient, or null when unset
 * @param priority 0–255, or null
 * @param correlationId correlation id, or null
 * @param replyTo reply-to queue, or null
 * @param expiration per-message TTL in milliseconds as a string (AMQP's form), or null
 * @param messageId message id, or null
 * @param timestamp timestamp (second precision on the wire), or null
 * @param type message type name, or null
 * @param userId the publishing user (validated by RabbitMQ), or null
 * @param appId the publishing application, or null
 * @param clusterId deprecated AMQP cluster id, or null
 */
public record MessageProperties(String contentType, String contentEncoding, Map<String, Object> headers,
                                DeliveryMode deliveryMode, Integer priority, String correlationId, String replyTo,
                                String expiration, String messageId, Instant timestamp, String type,
                                String userId, String appId, String clusterId) {

    /** Copies the headers. */
    public MessageProperties {
        headers = Maps.copy(headers);
    }

    /** Properties with nothing set. */
    public static final MessageProperties EMPTY = new MessageProperties(null, null, Map.of(), null, null, null,
            null, null, null, null, null, null, null, null);

    /**
     * @param name a header name
     * @return its value, or null
     */
    public Object header(String name) {
        return headers.get(name);
    }
}
