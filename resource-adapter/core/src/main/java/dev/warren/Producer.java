package dev.warren;

import dev.warren.serialization.EncodedBody;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes messages to one exchange, as kombu's {@code Producer}: a default routing key, serializer,
 * compression and delivery mode, auto-declaration of the exchange (once per session), and optionally
 * publisher confirms and a retry policy for lost connections.
 *
 * <p>Configuration is in place, before the first publish, as on {@link Consumer}: {@link #routingKey(String)},
 * {@link #serializer(String)}, {@link #compression(String)}, {@link #deliveryMode(DeliveryMode)},
 * {@link #autoDeclare(boolean)}, {@link #confirms(Duration)} and {@link #retry(RetryPolicy)} change this producer
 * and return it, so a setting cannot be lost by ignoring a return value and a subclass stays itself. The first
 * publish fixes the settings: changing one afterwards throws an {@link IllegalStateException} naming the setting
 * (create another producer for other settings). Subclass it to give a producer class-level settings and domain
 * methods:
 * <pre>{@code
 * public class FeedProducer extends Producer {
 *     public static final Exchange FEED = Exchange.direct("feed");
 *     public FeedProducer(Session session) {
 *         super(session, FEED, "importer");
 *         serializer("yaml");
 *     }
 *     public void importFeed(String url) { publish(Map.of("import_feed", url)); }
 * }
 *
 * FeedProducer feeds = new FeedProducer(session);
 * feeds.confirms(Duration.ofSeconds(10));   // changes feeds itself; nothing to keep
 * feeds.importFeed("http://cnn.com/rss");
 * }</pre>
 *
 * <p>Body rules (kombu's): {@code byte[]} with no serializer goes as {@code application/data}, a
 * {@code String} as {@code text/plain}, anything else through the serializer (json by default); an
 * explicit content type sends the body as is.
 *
 * <p>Threading: as its {@link Session}, one thread at a time: configure it, then publish from the thread that
 * uses the session. Not safe to configure from one thread while another publishes.
 */
public class Producer {
    private static final Logger LOG = Logger.getLogger(Producer.class.getName());

    private final Session session;
    private final Exchange exchange;
    private String routingKey;
    private String serializer;
    private String compression;
    private DeliveryMode deliveryMode;
    private boolean autoDeclare = true;
    private Duration confirmTimeout;
    private RetryPolicy retry;
    /** set by the first publish; from then on the settings are fixed */
    private boolean published;

    /**
     * @param session the session to publish on
     * @param exchange the exchange ({@link Exchange#DEFAULT} routes by queue name)
     */
    public Producer(Session session, Exchange exchange) {
        this(session, exchange, "");
    }

    /**
     * @param session the session to publish on
     * @param exchange the exchange
     * @param routingKey the default routing key
     */
    public Producer(Session session, Exchange exchange, String routingKey) {
        this.session = Objects.requireNonNull(session, "session");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.routingKey = routingKey == null ? "" : routingKey;
    }

    private void requireConfigurable(String setting) {
        if (published) {
            throw new IllegalStateException("Cannot change " + setting + " of " + this
                    + ": it has published already, and the first publish fixes a producer's settings. Fix: set "
                    + setting + " before the first publish, or create another producer for the other setting.");
        }
    }

    /**
     * @param key the default routing key (null: {@code ""})
     * @return this producer, changed
     * @throws IllegalStateException after the first publish
     */
    public Producer routingKey(String key) {
        requireConfigurable("routingKey");
        this.routingKey = key == null ? "" : key;
        return this;
    }

    /**
     * @param name the default serializer (null: kombu's body rules with the codec's default)
     * @return this producer, changed
     * @throws EncodeException when no serializer of that name is registered
     * @throws IllegalStateException after the first publish
     */
    public Producer serializer(String name) {
        requireConfigurable("serializer");
        if (name != null) {
            session.codec().serializers().require(name);
        }
        this.serializer = name;
        return this;
    }

    /**
     * @param name the default compression (null: none)
     * @return this producer, changed
     * @throws EncodeException when no compression of that name is registered
     * @throws IllegalStateException after the first publish
     */
    public Producer compression(String name) {
        requireConfigurable("compression");
        if (name != null) {
            session.codec().compressions().require(name);
        }
        this.compression = name;
        return this;
    }

    /**
     * @param mode the default delivery mode (null: the exchange's, then persistent)
     * @return this producer, changed
     * @throws IllegalStateException after the first publish
     */
    public Producer deliveryMode(DeliveryMode mode) {
        requireConfigurable("deliveryMode");
        this.deliveryMode = mode;
        return this;
    }

    /**
     * @param declare whether to declare the exchange before publishing, once per session (default true)
     * @return this producer, changed
     * @throws IllegalStateException after the first publish
     */
    public Producer autoDeclare(boolean declare) {
        requireConfigurable("autoDeclare");
        this.autoDeclare = declare;
        return this;
    }

    /**
     * @param timeout wait for the broker's publisher confirm this long on every publish (null: the session's default)
     * @return this producer, changed
     * @throws IllegalStateException after the first publish
     */
    public Producer confirms(Duration timeout) {
        requireConfigurable("confirms");
        this.confirmTimeout = timeout;
        return this;
    }

    /**
     * @param policy retries for publishes that hit a lost connection (null: the session's default)
     * @return this producer, changed
     * @throws IllegalStateException after the first publish
     */
    public Producer retry(RetryPolicy policy) {
        requireConfigurable("retry");
        this.retry = policy;
        return this;
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

    /** @return the default compression, or null */
    public String compression() {
        return compression;
    }

    /** @return the default delivery mode, or null for the exchange's, then persistent */
    public DeliveryMode deliveryMode() {
        return deliveryMode;
    }

    /** @return whether the exchange is declared before publishing */
    public boolean autoDeclare() {
        return autoDeclare;
    }

    /** @return the publisher-confirm timeout, or null for the session's default */
    public Duration confirms() {
        return confirmTimeout;
    }

    /** @return the retry policy, or null for the session's default */
    public RetryPolicy retry() {
        return retry;
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
     * @throws PublishException when confirms are on and the broker did not confirm
     * @throws BrokerException when the broker or connection fails (after the retry policy's retries)
     */
    public void publish(Object body) {
        send(body, null, PublishOptions.NONE);
    }

    /**
     * @param body the body
     * @param routingKey the routing key for this message
     * @throws EncodeException when the body cannot be serialized
     * @throws PublishException when confirms are on and the broker did not confirm
     * @throws BrokerException when the broker or connection fails (after the retry policy's retries)
     */
    public void publish(Object body, String routingKey) {
        send(body, routingKey, PublishOptions.NONE); // no options copy per message
    }

    /**
     * @param body the body
     * @param options per-message settings; unset ones fall back to this producer's, then the session's
     * @throws EncodeException when the body cannot be serialized
     * @throws PublishException when confirms are on and the broker did not confirm
     * @throws BrokerException when the broker or connection fails (after the retry policy's retries)
     */
    public void publish(Object body, PublishOptions options) {
        send(body, options.routingKey, options);
    }

    private void send(Object body, String routingKeyOverride, PublishOptions options) {
        published = true;
        EncodedBody encoded = session.codec().encode(body,
                options.serializer != null ? options.serializer : serializer,
                options.contentType, options.contentEncoding,
                options.compression != null ? options.compression : compression);
        MessageProperties props = properties(encoded, options);
        String key = routingKeyOverride != null ? routingKeyOverride : routingKey;
        Duration confirm = options.confirmTimeout != null ? options.confirmTimeout
                : confirmTimeout != null ? confirmTimeout : session.confirmTimeout();
        RetryPolicy policy = options.retry != null ? options.retry
                : retry != null ? retry : session.retryPolicy();
        for (int attempt = 0; ; attempt++) {
            try {
                declare(options);
                session.basicPublish(exchange.name(), key, options.mandatory, props, encoded.body(),
                        confirm);
                if (attempt > 0) {
                    LOG.info("Publish to " + exchange + " with routing key '" + key
                            + "' succeeded after " + attempt + " retries: the connection is back");
                }
                return;
            } catch (BrokerException e) {
                if (!e.connectionLost() || attempt >= policy.maxRetries()) {
                    throw e;
                }
                Duration wait = policy.intervalBefore(attempt + 1);
                LOG.log(attempt == 0 ? Level.WARNING : Level.FINE, "Publish to " + exchange
                        + " with routing key '" + key + "' hit a lost connection; retrying up to "
                        + policy.maxRetries() + " times (retry " + (attempt + 1) + " in " + wait.toMillis() + " ms): "
                        + e.getMessage());
                sleep(wait, e);
            }
        }
    }

    private void declare(PublishOptions options) {
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
    }

    private MessageProperties properties(EncodedBody encoded, PublishOptions options) {
        Map<String, Object> headers = options.headers;
        if (encoded.compression() != null) {
            headers = new LinkedHashMap<>(headers);
            headers.put("compression", encoded.compression());
        }
        DeliveryMode mode = options.deliveryMode != null ? options.deliveryMode
                : deliveryMode != null ? deliveryMode
                : exchange.deliveryMode() != null ? exchange.deliveryMode() : DeliveryMode.PERSISTENT;
        return new MessageProperties(encoded.contentType(), encoded.contentEncoding(), headers, mode,
                options.priority != null ? options.priority : 0, options.correlationId, options.replyTo,
                options.expiration == null ? null : Long.toString(options.expiration.toMillis()),
                options.messageId, options.timestamp, options.type, options.userId, options.appId, null);
    }

    private static void sleep(Duration wait, BrokerException cause) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(ie);
            throw cause;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + exchange + ", routing key '" + routingKey + "')";
    }
}
