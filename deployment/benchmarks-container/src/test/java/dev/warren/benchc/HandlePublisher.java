package dev.warren.benchc;

import dev.warren.Exchange;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.ConnectionFactoryDefinitions;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import java.util.Map;

/**
 * The container publisher: a stateless EJB that, per message, takes a pooled handle from the connection
 * factory, publishes with the kombu-style Producer and closes the handle (back to the pool). Confirmed publishes go
 * through their own factory with {@code publisherConfirms=true}, as the adapter recommends: a producer asking for
 * confirms on a channel of the unconfirmed pool would switch that pooled channel to confirm mode for good, and every
 * later unconfirmed publish on it would be acknowledged by the broker too. The third factory is transactional
 * (LocalTransaction): its handles join the EJB's container transaction.
 */
@ConnectionFactoryDefinitions({
        @ConnectionFactoryDefinition(name = "java:app/bench/cf", resourceAdapter = "warren",
                interfaceName = "dev.warren.jca.WarrenConnectionFactory",
                transactionSupport = TransactionSupportLevel.NoTransaction, maxPoolSize = 16, minPoolSize = 1,
                properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F",
                        "connectionName=" + HandlePublisher.CONNECTION_NAME}),
        @ConnectionFactoryDefinition(name = "java:app/bench/cf-confirms", resourceAdapter = "warren",
                interfaceName = "dev.warren.jca.WarrenConnectionFactory",
                transactionSupport = TransactionSupportLevel.NoTransaction, maxPoolSize = 8, minPoolSize = 1,
                properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F",
                        "connectionName=" + HandlePublisher.CONNECTION_NAME, "publisherConfirms=true",
                        "publisherConfirmTimeout=10000"}),
        @ConnectionFactoryDefinition(name = "java:app/bench/cf-tx", resourceAdapter = "warren",
                interfaceName = "dev.warren.jca.WarrenConnectionFactory",
                transactionSupport = TransactionSupportLevel.LocalTransaction, maxPoolSize = 16, minPoolSize = 1,
                properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F",
                        "connectionName=" + HandlePublisher.CONNECTION_NAME})})
@Stateless
public class HandlePublisher {
    public static final String CONNECTION_NAME = "warren-bench-c-outbound";
    static final Exchange EXCHANGE = Exchange.direct(ContainerBenchIT.EXCHANGE); // durable, as the MDB activations declare it

    @Resource(lookup = "java:app/bench/cf")
    WarrenConnectionFactory factory;

    @Resource(lookup = "java:app/bench/cf-confirms")
    WarrenConnectionFactory confirmingFactory;

    @Resource(lookup = "java:app/bench/cf-tx")
    WarrenConnectionFactory txFactory;

    /**
     * One message, one handle from the LocalTransaction factory: the handle's channel joins the EJB's container
     * transaction (tx.select, publish, tx.commit at the end of the call), and the pool cleans the channel up after.
     */
    public void publishInTransaction(Map<String, Object> body, String routingKey) throws Exception {
        try (WarrenConnection c = txFactory.getConnection()) {
            c.producer(EXCHANGE).publish(body, routingKey);
        }
    }

    /** One message, one handle; with {@code confirm}, from the confirming factory (the publish waits for it). */
    public void publish(Map<String, Object> body, String routingKey, boolean confirm) throws Exception {
        try (WarrenConnection c = (confirm ? confirmingFactory : factory).getConnection()) {
            c.producer(EXCHANGE).publish(body, routingKey);
        }
    }
}
