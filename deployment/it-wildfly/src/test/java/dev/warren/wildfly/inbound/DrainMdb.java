package dev.warren.wildfly.inbound;

import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.jca.WarrenListener;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * The load for the undeploy test: records each message in the "done" queue through the subsystem's connection
 * factory, inside the delivery's container transaction (an AMQP tx committed with it); the adapter then acks the
 * original.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-wildfly-drain"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = WildFlyInbound.DRAIN_QUEUE),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "5")})
public class DrainMdb implements WarrenListener {
    @Resource(lookup = "java:/warren/cf")
    WarrenConnectionFactory factory;

    @Override
    public void onMessage(Message message) throws Exception {
        Thread.sleep(20);
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(message.payload(), WildFlyInbound.DRAIN_DONE);
        }
    }
}
