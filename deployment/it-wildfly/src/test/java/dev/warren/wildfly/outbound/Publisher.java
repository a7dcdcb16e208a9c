package dev.warren.wildfly.outbound;

import dev.warren.Exchange;
import dev.warren.jca.ExchangeDefinition;
import dev.warren.jca.QueueDefinition;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.testsupport.Broker;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The application side of the outbound tests: the connection factory and admin objects that warren.cli created
 * in the resource-adapters subsystem, injected by their JNDI names.
 */
@Stateless
public class Publisher {
    /** The connection definition's connectionName in warren.cli, as the broker shows it. */
    public static final String CONNECTION_NAME = "warren-wildfly (outbound)";

    @Resource(lookup = "java:/warren/cf")
    WarrenConnectionFactory factory;

    @Resource(lookup = "java:/warren/exchange/media")
    ExchangeDefinition media;

    @Resource(lookup = "java:/warren/queue/video")
    QueueDefinition video;

    @Resource
    SessionContext context;

    public WarrenConnectionFactory factory() {
        return factory;
    }

    public ExchangeDefinition media() {
        return media;
    }

    public QueueDefinition video() {
        return video;
    }

    /** Publishes inside the container transaction (the channel's AMQP tx); rolls it back when asked. */
    public void publishInTransaction(String queue, String body, boolean rollback) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(Map.of("body", body), queue);
        }
        if (rollback) {
            context.setRollbackOnly();
        }
    }

    /** Takes one handle, publishes on it, returns it. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void checkout(String queue, int i) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(Map.of("i", i), queue);
        }
    }

    /**
     * Holds {@code n} handles at once (outside a transaction each is its own pooled managed connection, i.e.
     * channel) and, while they are open, asks the broker how many connections and channels carry the factory's name.
     *
     * @return {connections, channels} seen by the broker while the handles are held
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int[] holdAtOnce(int n) throws Exception {
        List<WarrenConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(factory.getConnection()); // each managed connection opened its own channel
            }
            return new int[]{Broker.connectionsNamed(CONNECTION_NAME), Broker.channelsOf(CONNECTION_NAME)};
        } finally {
            for (WarrenConnection c : held) {
                c.close();
            }
        }
    }
}
