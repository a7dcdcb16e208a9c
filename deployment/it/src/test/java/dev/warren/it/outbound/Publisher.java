package dev.warren.it.outbound;

import dev.warren.Exchange;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.jca.ExchangeDefinition;
import dev.warren.jca.QueueDefinition;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import java.util.Map;

/** The application side of the outbound tests: resources defined by annotation, injected with @Resource. */
@ConnectionFactoryDefinition(name = "java:app/warren/cf", resourceAdapter = "warren",
        interfaceName = "dev.warren.jca.WarrenConnectionFactory",
        transactionSupport = TransactionSupportLevel.LocalTransaction, maxPoolSize = 8, minPoolSize = 0,
        properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F", "connectionName=" + Publisher.CONNECTION_NAME,
                "declarations=exchange warren-it-decl direct; queue warren-it-decl-q warren-it-decl:k"})
@AdministeredObjectDefinition(name = "java:app/warren/media", resourceAdapter = "warren",
        className = "dev.warren.jca.ExchangeDefinition", interfaceName = "dev.warren.jca.ExchangeDefinition",
        properties = {"name=warren-it-media", "type=direct"})
@AdministeredObjectDefinition(name = "java:app/warren/video", resourceAdapter = "warren",
        className = "dev.warren.jca.QueueDefinition", interfaceName = "dev.warren.jca.QueueDefinition",
        properties = {"name=warren-it-video", "bindings=warren-it-media:video", "durable=true",
                "arguments=x-message-ttl=600000"})
@Stateless
public class Publisher {
    public static final String CONNECTION_NAME = "warren-it-outbound";

    @Resource(lookup = "java:app/warren/cf")
    WarrenConnectionFactory factory;

    @Resource(lookup = "java:app/warren/media")
    ExchangeDefinition media;

    @Resource(lookup = "java:app/warren/video")
    QueueDefinition video;

    @Resource
    SessionContext context;

    public WarrenConnectionFactory factory() {
        return factory;
    }

    public Exchange media() {
        return media.toExchange();
    }

    public Queue video() {
        return video.toQueue();
    }

    /** Publishes inside the container transaction; rolls it back when asked. */
    public void publishInTransaction(String queue, String body, boolean rollback) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(Map.of("body", body), queue);
        }
        if (rollback) {
            context.setRollbackOnly();
        }
    }

    /** Publishes with no transaction (the channel may be in tx mode from earlier use: must be visible at once). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void publishWithoutTransaction(String queue, String body) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(Map.of("body", body), PublishOptions.to(queue));
        }
    }

    /** Takes one handle, publishes on it, returns it. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void checkout(String queue, int i) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(Map.of("i", i), queue);
        }
    }
}
