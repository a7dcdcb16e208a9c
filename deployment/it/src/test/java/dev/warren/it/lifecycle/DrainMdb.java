package dev.warren.it.lifecycle;

import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.jca.WarrenListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

/**
 * Processes the load: records each message's id in the "done" queue, inside the delivery's container
 * transaction (the record is an AMQP tx committed with it), then the adapter acks the original.
 */
@ConnectionFactoryDefinition(name = "java:app/warren/drain-cf", resourceAdapter = "warren",
        interfaceName = "dev.warren.jca.WarrenConnectionFactory",
        transactionSupport = TransactionSupportLevel.LocalTransaction, maxPoolSize = 8,
        properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F", "connectionName=warren-it-drain-out"})
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-drain-in"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = LifecycleIT.QUEUE),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "5")})
public class DrainMdb implements WarrenListener {
    @Resource(lookup = "java:app/warren/drain-cf")
    WarrenConnectionFactory factory;

    @Override
    public void onMessage(Message message) throws Exception {
        Thread.sleep(20);
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(message.payload(), LifecycleIT.DONE);
        }
    }
}
