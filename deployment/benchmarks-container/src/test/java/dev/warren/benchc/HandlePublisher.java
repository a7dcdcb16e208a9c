package dev.warren.benchc;

import dev.warren.Exchange;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import java.time.Duration;
import java.util.Map;

/**
 * The container publisher: a stateless EJB that, per message, takes a pooled handle from the connection
 * factory, publishes with the kombu-style Producer and closes the handle (back to the pool).
 */
@ConnectionFactoryDefinition(name = "java:app/bench/cf", resourceAdapter = "warren",
        interfaceName = "dev.warren.jca.WarrenConnectionFactory",
        transactionSupport = TransactionSupportLevel.NoTransaction, maxPoolSize = 8, minPoolSize = 1,
        properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F", "connectionName=" + HandlePublisher.CONNECTION_NAME})
@Stateless
public class HandlePublisher {
    public static final String CONNECTION_NAME = "warren-bench-c-outbound";
    static final Exchange EXCHANGE = Exchange.direct(ContainerBenchIT.EXCHANGE); // durable, as the MDB activations declare it

    @Resource(lookup = "java:app/bench/cf")
    WarrenConnectionFactory factory;

    /** One message, one handle. */
    public void publish(Map<String, Object> body, String routingKey, boolean confirm) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            if (confirm) {
                c.producer(EXCHANGE).confirms(Duration.ofSeconds(10)).publish(body, routingKey);
            } else {
                c.producer(EXCHANGE).publish(body, routingKey);
            }
        }
    }
}
