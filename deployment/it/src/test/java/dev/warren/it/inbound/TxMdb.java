package dev.warren.it.inbound;

import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * Container-managed transaction around delivery: publishes a side effect through the pooled factory, then
 * fails on the first delivery. The side effect of the failed delivery must be rolled back with it.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = Sender.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-in-tx"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "tx"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "requeue")})
public class TxMdb implements dev.warren.jca.WarrenListener {
    public static final String SIDE_EFFECTS = "warren-it-in-tx-out";

    @Resource(lookup = "java:app/warren/in-cf")
    WarrenConnectionFactory factory;

    @jakarta.ejb.EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish("side effect, redelivered=" + message.redelivered(), SIDE_EFFECTS);
        }
        recorder.record("tx-attempt", message.redelivered());
        if (!message.redelivered()) {
            throw new IllegalStateException("fail after publishing: the publish must roll back");
        }
    }
}
