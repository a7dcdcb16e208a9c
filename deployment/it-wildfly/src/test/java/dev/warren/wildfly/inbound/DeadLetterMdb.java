package dev.warren.wildfly.inbound;

import dev.warren.Message;
import dev.warren.jca.WarrenListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Always fails; failurePolicy dead-letter with maxRedeliveries 2, dead letters to the default exchange. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = WildFlyInbound.CONNECTION),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = WildFlyInbound.EXCHANGE),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = WildFlyInbound.DL_QUEUE),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "dl"),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "dead-letter"),
        @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = WildFlyInbound.DL_TARGET)})
public class DeadLetterMdb implements WarrenListener {
    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.record("dl-attempt", String.valueOf(message.headers().get("x-warren-attempts")));
        throw new IllegalStateException("boom on WildFly");
    }
}
