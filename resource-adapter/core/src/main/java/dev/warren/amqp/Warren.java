package dev.warren.amqp;

import dev.warren.amqp.internal.ChannelSession;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.warren.BrokerException;
import dev.warren.Session;
import dev.warren.SessionConfig;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;

/**
 * Entry point for Java SE use over a plain RabbitMQ client connection:
 * <pre>{@code
 * ConnectionFactory cf = new ConnectionFactory();
 * cf.setUri("amqp://guest:guest@localhost:5672/%2F");
 * try (Connection connection = cf.newConnection();
 *      Session session = Warren.open(connection)) {
 *     session.producer(Exchange.direct("media")).publish(Map.of("name", "lolcat.avi"), "video");
 * }
 * }</pre>
 * In a Jakarta EE server, inject the resource adapter's connection factory instead.
 */
public final class Warren {
    private Warren() {
    }

    /**
     * Opens a session on a new channel, with the default codec (json) and accept list (json, text, raw).
     *
     * @param connection an open client connection
     * @return the session; closing it closes its channel, not the connection
     * @throws BrokerException when the channel cannot be opened
     */
    public static Session open(Connection connection) {
        return open(connection, SessionConfig.DEFAULT);
    }

    /**
     * @param connection an open client connection
     * @param codec the serializers, compressions and default serializer
     * @param accept the default accept list
     * @return the session; closing it closes its channel, not the connection
     * @throws BrokerException when the channel cannot be opened
     */
    public static Session open(Connection connection, MessageCodec codec, Accept accept) {
        return open(connection, SessionConfig.DEFAULT.withCodec(codec).withAccept(accept));
    }

    /**
     * @param connection an open client connection
     * @param config codec, accept list, publisher-confirm timeout and retry policy
     * @return the session; closing it closes its channel, not the connection
     * @throws BrokerException when the channel cannot be opened
     */
    public static Session open(Connection connection, SessionConfig config) {
        return ChannelSession.open(connection, config);
    }

    /**
     * Wraps a channel the caller keeps owning (closing the session leaves it open).
     *
     * @param channel an open channel
     * @param codec the codec
     * @param accept the default accept list
     * @return the session
     */
    public static Session wrap(Channel channel, MessageCodec codec, Accept accept) {
        return wrap(channel, SessionConfig.DEFAULT.withCodec(codec).withAccept(accept));
    }

    /**
     * Wraps a channel the caller keeps owning (closing the session leaves it open).
     *
     * @param channel an open channel
     * @param config codec, accept list, publisher-confirm timeout and retry policy
     * @return the session
     */
    public static Session wrap(Channel channel, SessionConfig config) {
        return ChannelSession.wrap(channel, config);
    }
}
