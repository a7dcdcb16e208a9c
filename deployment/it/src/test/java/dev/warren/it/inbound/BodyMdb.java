package dev.warren.it.inbound;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** kombu-style (body, message) listener accepting json only: undecodable messages are dead-lettered. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = Sender.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-in-body"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "body"),
        @ActivationConfigProperty(propertyName = "accept", propertyValue = "json"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "dead-letter"),
        @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "0"),
        @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = "warren-it-in-body-dlq")})
public class BodyMdb implements dev.warren.jca.WarrenBodyListener {
    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Object body, Message message) {
        recorder.record("body", body);
    }
}
