package dev.warren;

import dev.warren.serialization.EncodedBody;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Publishes messages to one exchange, as kombu's {@code Producer}: a default routing key, serializer,
 * compression and delivery mode, and auto-declaration of the exchange (once per session).
 *
 * <p>Configuration is immutable: {@link #routingKey(String)}, {@link #serializer(String)},
 * {@link #compression(String)}, {@link #deliveryMode(DeliveryMode)} and {@link #autoDeclare(boolean)}
 * return changed copies. Subclass it to give a producer class-level settings and domain methods:
 * <pre>{@code
 * public class FeedProducer extends Producer {
 *     public static final Exchange FEED = Exchange.direct("feed");
 *     public FeedProducer(Session session) { super(session, FEED, "importer"); }
 *     public void importFeed(String url) { publish(Map.of("import_feed", url)); }
 * }
 * }</pre>
 *
 * <p>Body rules (kombu's): {@code byte[]} with no serializer goes as {@code application/data}, a
 * {@code String} as {@code text/plain}, anything else through the serializer (json by default); an
 * explicit content type sends the body as is.
 *
 * <p>Threading: as its {@link Session} — one thread at a time.
 */
public class Producer {
    private final Session session;
    private final Exchange exchange;
    private final String routingKey;
    private final String serializer;
    private final String compression;
    private final DeliveryMode deliveryMode;
    private final boolean autoDeclare;

    /**
     * @param session the session to publish on
     * @param exchange the exchange ({@link Exchange#DEFAULT} routes by queue name)
     */
    public Producer(Session session, Exchange exchange) {
        this(session, exchange, "", null, null, null, true);
    }

    /**
     * @param session the session to publish on
     * @param exchange the exchange
     * @param routingKey the default routing key
     */
    public Producer(Session session, Exchange exchange, String routingKey) {
        this(session, exchange, routingKey, null, null, null, true);
    }

    /**
     * @param session the session to publish on
     * @param exchange the exchange
     * @param routingKey the default routing key
     * @param serializer the default serializer name, or null for kombu's body rules with the codec's default
     * @param compression the default compression name, or null
     * @param deliveryMode the default delivery mode, or null for the exchange's, then persistent
     * @param autoDeclare declare the exchange before the first publish
     */
    protected Producer(Session session, Exchange exchange, String routingKey, String serializer,
                       String compression, DeliveryMode deliveryMode, boolean autoDeclare) {
        this.session = Objects.requireNonNull(session, "session");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.routingKey = routingKey == null ? "" : routingKey;
        this.serializer = serializer;
        this.compression = compression;
        this.deliveryMode = deliveryMode;
        this.autoDeclare = autoDeclare;
        if (serializer != null) {
            session.codec().serializers().require(serializer);
        }
        if (compression != null) {
            session.codec().compressions().require(compression);
        }
    }

    /** @param key default routing key @return a copy */
    public Producer routingKey(String key) {
        return new Producer(session, exchange, key, serializer, compression, deliveryMode, autoDeclare);
    }

    /** @param name default serializer @return a copy */
    public Producer serializer(String name) {
        return new Producer(session, exchange, routingKey, name, compression, deliveryMode, autoDeclare);
    }

    /** @param name default compression @return a copy */
    public Producer compression(String name) {
        return new Producer(session, exchange, routingKey, serializer, name, deliveryMode, autoDeclare);
    }

    /** @param mode default delivery mode @return a copy */
    public Producer deliveryMode(DeliveryMode mode) {
        return new Producer(session, exchange, routingKey, serializer, compression, mode, autoDeclare);
    }

    /** @param declare whether to declare the exchange before publishing @return a copy */
    public Producer autoDeclare(boolean declare) {
        return new Producer(session, exchange, routingKey, serializer, compression, deliveryMode, declare);
    }

    /** @return the exchange */
    public Exchange exchange() {
        return exchange;
    }

    /** @return the default routing key */
    public String routingKey() {
        return routingKey;
    }

    /** @return the default serializer, or null */
    public String serializer() {
        return serializer;
    }

    /** @return the session */
    protected Session session() {
        return session;
    }

    /**
     * Publishes with the default routing key.
     *
     * @param body the body
     * @throws EncodeException when the body cannot be serialized
     * @throws BrokerException when the broker or connection fails
     */
    public void publish(Object body) {
        publish(body, PublishOptions.NONE);
    }

    /**
     * @param body the body
     * @param routingKey the routing key for this message
     * @throws EncodeException when the body cannot be serialized
     * @throws BrokerException when the broker or connection fails
     */
    public void publish(Object body, String routingKey) {
        publish(body, PublishOptions.to(routingKey));
    }

    /**
     * @param body the body
     * @param options per-message settings; unset ones fall back to this producer's
     * @throws EncodeException when the body cannot be serialized
     * @throws BrokerException when the broker or connection fails
     */
    public void publish(Object body, PublishOptions options) {
        if (autoDeclare && !exchange.isDefault()) {
            session.declare(exchange);
        }
        for (Object entity : options.declare) {
            if (entity instanceof Exchange) {
                session.declare((Exchange) entity);
            } else {
                session.declare((Queue) entity);
            }
        }
        EncodedBody encoded = session.codec().encode(body,
                options.serializer != null ? options.serializer : serializer,
                options.contentType, options.contentEncoding,
                options.compression != null ? options.compression : compression);
        Map<String, Object> headers = options.headers;
        if (encoded.compression() != null) {
            headers = new LinkedHashMap<>(headers);
            headers.put("compression", encoded.compression());
        }
        DeliveryMode mode = options.deliveryMode != null ? options.deliveryMode
                : deliveryMode != null ? deliveryMode
                : exchange.deliveryMode() != null ? exchange.deliveryMode() : DeliveryMode.PERSISTENT;
        MessageProperties props = new MessageProperties(encoded.contentType(), encoded.contentEncoding(), headers,
                mode, options.priority != null ? options.priority : 0, options.correlationId, options.replyTo,
                options.expiration == null ? null : Long.toString(options.expiration.toMillis()),
                options.messageId, options.timestamp, options.type, options.userId, options.appId, null);
        session.basicPublish(exchange.name(), options.routingKey != null ? options.routingKey : routingKey,
                options.mandatory, props, encoded.body());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + exchange + ", routing key '" + routingKey + "')";
    }
}
