package dev.warren.it.inbound;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Fails the first delivery; the requeued redelivery succeeds. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = Sender.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-in-requeue"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "requeue"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "requeue")})
public class RequeueMdb implements dev.warren.jca.WarrenListener {
    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.record("requeue-attempt", message.redelivered());
        if (!message.redelivered()) {
            throw new IllegalStateException("first delivery fails");
        }
        recorder.record("requeue-ok", message.payload());
    }
}
