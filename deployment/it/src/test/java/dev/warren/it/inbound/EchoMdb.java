package dev.warren.it.inbound;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Records what it receives: body, headers, content type, delivery info. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = Sender.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-in-echo"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "echo")})
public class EchoMdb implements dev.warren.jca.WarrenListener {
    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.record("echo", java.util.Map.of("payload", message.payload(), "headers", message.headers(),
                "contentType", String.valueOf(message.contentType()), "exchange", message.deliveryInfo().exchange(),
                "routingKey", message.deliveryInfo().routingKey(),
                "thread", Thread.currentThread().getName()));
    }
}
