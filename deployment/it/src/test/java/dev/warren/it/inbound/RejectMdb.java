package dev.warren.it.inbound;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Always fails with failurePolicy reject: the queue's own dead-lettering takes the message. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = Sender.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-in-reject"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "reject"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "reject"),
        @ActivationConfigProperty(propertyName = "queueArguments", propertyValue = "x-dead-letter-exchange='',x-dead-letter-routing-key=warren-it-in-reject-dlq")})
public class RejectMdb implements dev.warren.jca.WarrenListener {
    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.record("reject-attempt", message.payload());
        throw new IllegalStateException("always fails");
    }
}
