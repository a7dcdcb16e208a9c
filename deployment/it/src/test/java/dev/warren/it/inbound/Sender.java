package dev.warren.it.inbound;

import dev.warren.Exchange;
import dev.warren.PublishOptions;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import java.util.Map;

/** Publishes from an EJB through the pooled factory (in the container transaction). */
@ConnectionFactoryDefinition(name = "java:app/warren/in-cf", resourceAdapter = "warren",
        interfaceName = "dev.warren.jca.WarrenConnectionFactory",
        transactionSupport = TransactionSupportLevel.LocalTransaction, maxPoolSize = 4,
        properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F", "connectionName=warren-it-inbound-sender",
                "defaultExchange=" + Sender.EXCHANGE})
@Stateless
public class Sender {
    public static final String EXCHANGE = "warren-it-in";

    @Resource(lookup = "java:app/warren/in-cf")
    WarrenConnectionFactory factory;

    public void send(String routingKey, Object body, Map<String, Object> headers) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer().publish(body, PublishOptions.to(routingKey).headers(headers));
        }
    }

    public void sendMany(String routingKey, int n) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            for (int i = 0; i < n; i++) {
                c.producer(Exchange.direct(EXCHANGE)).publish(Map.of("i", i), routingKey);
            }
        }
    }
}
