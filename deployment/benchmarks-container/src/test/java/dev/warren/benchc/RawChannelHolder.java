package dev.warren.benchc;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * Holds ONE raw amqp-client connection and channel for the "raw client inside the same EJB" contender, created
 * once from a plain {@link ConnectionFactory} (no adapter, no pool). {@link RawChannelPublisher} reads the channel
 * once (its own @PostConstruct), so the per-message path does not call this singleton.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RawChannelHolder {
    public static final String CONNECTION_NAME = "warren-bench-c-ejb-raw";

    private Connection connection;
    private Channel channel;
    private Channel confirmChannel;
    private Channel txChannel;

    @PostConstruct
    void open() {
        try {
            ConnectionFactory cf = new ConnectionFactory();
            cf.setHost("127.0.0.1");
            cf.setPort(5672);
            cf.setUsername("guest");
            cf.setPassword("guest");
            cf.setVirtualHost("/");
            connection = cf.newConnection(CONNECTION_NAME);
            channel = connection.createChannel();
            confirmChannel = connection.createChannel();
            confirmChannel.confirmSelect();
            txChannel = connection.createChannel();
            txChannel.txSelect();
        } catch (Exception e) {
            throw new IllegalStateException("raw channel for the ejb-raw-channel contender", e);
        }
    }

    public Channel channel() {
        return channel;
    }

    /** @return the second channel, in publisher-confirm mode */
    public Channel confirmChannel() {
        return confirmChannel;
    }

    /** @return the third channel, in AMQP tx mode (tx.select once) */
    public Channel txChannel() {
        return txChannel;
    }

    @PreDestroy
    void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // undeploy: nothing to do
        }
    }
}
