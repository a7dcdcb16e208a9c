package dev.warren.it.inbound;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Always fails with failurePolicy dead-letter, maxRedeliveries 2. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = Sender.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-in-dl"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "dl"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "dead-letter"),
        @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = "warren-it-in-dl-dlq")})
public class DeadLetterMdb implements dev.warren.jca.WarrenListener {
    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.record("dl-attempt", message.headers().get("x-warren-attempts"));
        throw new IllegalStateException("boom");
    }
}
