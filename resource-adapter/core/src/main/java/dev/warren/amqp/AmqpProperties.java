package dev.warren.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import dev.warren.DeliveryMode;
import dev.warren.EncodeException;
import dev.warren.MessageProperties;
import dev.warren.serialization.Charsets;

import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts between Warren's {@link MessageProperties} and the client's {@code BasicProperties}. */
public final class AmqpProperties {
    private AmqpProperties() {
    }

    /**
     * @param p Warren's properties
     * @return the client's properties
     * @throws EncodeException when a header value has a type AMQP tables cannot carry
     */
    public static AMQP.BasicProperties toBasic(MessageProperties p) {
        return new AMQP.BasicProperties.Builder()
                .contentType(p.contentType())
                .contentEncoding(p.contentEncoding())
                .headers(p.headers().isEmpty() ? Map.of() : toTable(p.headers()))
                .deliveryMode(p.deliveryMode() == null ? null : p.deliveryMode().code())
                .priority(p.priority())
                .correlationId(p.correlationId())
                .replyTo(p.replyTo())
                .expiration(p.expiration())
                .messageId(p.messageId())
                .timestamp(p.timestamp() == null ? null : Date.from(p.timestamp()))
                .type(p.type())
                .userId(p.userId())
                .appId(p.appId())
                .clusterId(p.clusterId())
                .build();
    }

    /**
     * @param b the client's properties (may be null)
     * @return Warren's properties with plain header values
     */
    public static MessageProperties fromBasic(AMQP.BasicProperties b) {
        if (b == null) {
            return MessageProperties.EMPTY;
        }
        return new MessageProperties(b.getContentType(), b.getContentEncoding(),
                b.getHeaders() == null || b.getHeaders().isEmpty() ? Map.of() : fromTable(b.getHeaders()),
                DeliveryMode.fromCode(b.getDeliveryMode()), b.getPriority(), b.getCorrelationId(), b.getReplyTo(),
                b.getExpiration(), b.getMessageId(), b.getTimestamp() == null ? null : b.getTimestamp().toInstant(),
                b.getType(), b.getUserId(), b.getAppId(), b.getClusterId());
    }

    private static Map<String, Object> toTable(Map<String, ?> headers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : headers.entrySet()) {
            out.put(e.getKey(), toWire(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Object toWire(String key, Object v) {
        if (v == null || v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean
                || v instanceof byte[] || v instanceof Double || v instanceof Float || v instanceof Short
                || v instanceof Byte || v instanceof BigDecimal || v instanceof Date || v instanceof LongString) {
            return v;
        }
        if (v instanceof Instant) {
            return Date.from((Instant) v);
        }
        if (v instanceof UUID || v instanceof Enum || v instanceof CharSequence) {
            return v.toString();
        }
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                m.put(String.valueOf(e.getKey()), toWire(key, e.getValue()));
            }
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object o : (List<?>) v) {
                l.add(toWire(key, o));
            }
            return l;
        }
        throw new EncodeException("Header '" + key + "' has a value of type " + v.getClass().getName()
                + " that an AMQP table cannot carry. Fix: use a String, number, boolean, byte[], Instant, list or map.",
                null);
    }

    private static Map<String, Object> fromTable(Map<String, Object> table) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : table.entrySet()) {
            out.put(e.getKey(), fromWire(e.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object fromWire(Object v) {
        if (v instanceof LongString) {
            byte[] bytes = ((LongString) v).getBytes();
            try {
                return Charsets.decodeStrict(bytes, "utf-8");
            } catch (CharacterCodingException notText) {
                return bytes;
            }
        }
        if (v instanceof Date) {
            return ((Date) v).toInstant();
        }
        if (v instanceof Map) {
            return fromTable((Map<String, Object>) v);
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object o : (List<?>) v) {
                l.add(fromWire(o));
            }
            return l;
        }
        return v;
    }
}
