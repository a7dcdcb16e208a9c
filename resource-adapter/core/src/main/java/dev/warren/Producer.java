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
 * <p>Configuration is immutable: {@link #routingKey(String)}, {@link #serializer(String)},
 * {@link #compression(String)}, {@link #deliveryMode(DeliveryMode)}, {@link #autoDeclare(boolean)},
 * {@link #confirms(Duration)} and {@link #retry(RetryPolicy)} return changed copies. Subclass it to give a
 * producer class-level settings and domain methods:
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
    private static final Logger LOG = Logger.getLogger(Producer.class.getName());

    /**
     * A producer's settings.
     *
     * @param exchange the exchange
     * @param routingKey the default routing key
     * @param serializer the default serializer, or null for kombu's body rules with the codec's default
     * @param compression the default compression, or null
     * @param deliveryMode the default delivery mode, or null for the exchange's, then persistent
     * @param autoDeclare declare the exchange before publishing (once per session)
     * @param confirmTimeout wait for publisher confirms this long, or null for the session's default
     * @param retry retry policy for lost connections, or null for the session's default
     */
    public record Config(Exchange exchange, String routingKey, String serializer, String compression,
                         DeliveryMode deliveryMode, boolean autoDeclare, Duration confirmTimeout, RetryPolicy retry) {
        /** Validates. */
        public Config {
            Objects.requireNonNull(exchange, "exchange");
            routingKey = routingKey == null ? "" : routingKey;
        }

        /** @param exchange the exchange @param routingKey the default routing key @return kombu's defaults */
        public static Config of(Exchange exchange, String routingKey) {
            return new Config(exchange, routingKey, null, null, null, true, null, null);
        }
    }

    private final Session session;
    private final Config config;

    /**
     * @param session the session to publish on
     * @param exchange the exchange ({@link Exchange#DEFAULT} routes by queue name)
     */
    public Producer(Session session, Exchange exchange) {
        this(session, Config.of(exchange, ""));
    }

    /**
     * @param session the session to publish on
     * @param exchange the exchange
     * @param routingKey the default routing key
     */
    public Producer(Session session, Exchange exchange, String routingKey) {
        this(session, Config.of(exchange, routingKey));
    }

    /**
     * @param session the session to publish on
     * @param config the settings
     * @throws EncodeException when the serializer or compression is not registered
     */
    public Producer(Session session, Config config) {
        this.session = Objects.requireNonNull(session, "session");
        this.config = Objects.requireNonNull(config, "config");
        if (config.serializer() != null) {
            session.codec().serializers().require(config.serializer());
        }
        if (config.compression() != null) {
            session.codec().compressions().require(config.compression());
        }
    }

    private Producer with(Config c) {
        return new Producer(session, c);
    }

    /** @param key default routing key @return a copy */
    public Producer routingKey(String key) {
        Config c = config;
        return with(new Config(c.exchange(), key, c.serializer(), c.compression(), c.deliveryMode(), c.autoDeclare(),
                c.confirmTimeout(), c.retry()));
    }

    /** @param name default serializer @return a copy */
    public Producer serializer(String name) {
        Config c = config;
        return with(new Config(c.exchange(), c.routingKey(), name, c.compression(), c.deliveryMode(), c.autoDeclare(),
                c.confirmTimeout(), c.retry()));
    }

    /** @param name default compression @return a copy */
    public Producer compression(String name) {
        Config c = config;
        return with(new Config(c.exchange(), c.routingKey(), c.serializer(), name, c.deliveryMode(), c.autoDeclare(),
                c.confirmTimeout(), c.retry()));
    }

    /** @param mode default delivery mode @return a copy */
    public Producer deliveryMode(DeliveryMode mode) {
        Config c = config;
        return with(new Config(c.exchange(), c.routingKey(), c.serializer(), c.compression(), mode, c.autoDeclare(),
                c.confirmTimeout(), c.retry()));
    }

    /** @param declare whether to declare the exchange before publishing @return a copy */
    public Producer autoDeclare(boolean declare) {
        Config c = config;
        return with(new Config(c.exchange(), c.routingKey(), c.serializer(), c.compression(), c.deliveryMode(), declare,
                c.confirmTimeout(), c.retry()));
    }

    /**
     * @param timeout wait for the broker's publisher confirm this long on every publish (null: the session's default)
     * @return a copy
     */
    public Producer confirms(Duration timeout) {
        Config c = config;
        return with(new Config(c.exchange(), c.routingKey(), c.serializer(), c.compression(), c.deliveryMode(),
                c.autoDeclare(), timeout, c.retry()));
    }

    /** @param policy retries for publishes that hit a lost connection (null: the session's default) @return a copy */
    public Producer retry(RetryPolicy policy) {
        Config c = config;
        return with(new Config(c.exchange(), c.routingKey(), c.serializer(), c.compression(), c.deliveryMode(),
                c.autoDeclare(), c.confirmTimeout(), policy));
    }

    /** @return the settings */
    public Config config() {
        return config;
    }

    /** @return the exchange */
    public Exchange exchange() {
        return config.exchange();
    }

    /** @return the default routing key */
    public String routingKey() {
        return config.routingKey();
    }

    /** @return the default serializer, or null */
    public String serializer() {
        return config.serializer();
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
        EncodedBody encoded = session.codec().encode(body,
                options.serializer != null ? options.serializer : config.serializer(),
                options.contentType, options.contentEncoding,
                options.compression != null ? options.compression : config.compression());
        MessageProperties props = properties(encoded, options);
        String routingKey = routingKeyOverride != null ? routingKeyOverride : config.routingKey();
        Duration confirm = options.confirmTimeout != null ? options.confirmTimeout
                : config.confirmTimeout() != null ? config.confirmTimeout() : session.confirmTimeout();
        RetryPolicy retry = options.retry != null ? options.retry
                : config.retry() != null ? config.retry() : session.retryPolicy();
        for (int attempt = 0; ; attempt++) {
            try {
                declare(options);
                session.basicPublish(config.exchange().name(), routingKey, options.mandatory, props, encoded.body(),
                        confirm);
                if (attempt > 0) {
                    LOG.info("Publish to " + config.exchange() + " with routing key '" + routingKey
                            + "' succeeded after " + attempt + " retries: the connection is back");
                }
                return;
            } catch (BrokerException e) {
                if (!e.connectionLost() || attempt >= retry.maxRetries()) {
                    throw e;
                }
                Duration wait = retry.intervalBefore(attempt + 1);
                LOG.log(attempt == 0 ? Level.WARNING : Level.FINE, "Publish to " + config.exchange()
                        + " with routing key '" + routingKey + "' hit a lost connection; retrying up to "
                        + retry.maxRetries() + " times (retry " + (attempt + 1) + " in " + wait.toMillis() + " ms): "
                        + e.getMessage());
                sleep(wait, e);
            }
        }
    }

    private void declare(PublishOptions options) {
        if (config.autoDeclare() && !config.exchange().isDefault()) {
            session.declare(config.exchange());
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
                : config.deliveryMode() != null ? config.deliveryMode()
                : config.exchange().deliveryMode() != null ? config.exchange().deliveryMode() : DeliveryMode.PERSISTENT;
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
        return getClass().getSimpleName() + "(" + config.exchange() + ", routing key '" + config.routingKey() + "')";
    }
}
