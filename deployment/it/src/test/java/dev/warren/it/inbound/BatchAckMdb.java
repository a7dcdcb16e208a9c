package dev.warren.it.inbound;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/**
 * ackBatchSize=10 with a prefetch of 5 and two consumers: acknowledgements are held and sent as multiple-acks, or
 * when a consumer runs out of messages. The first delivery of message 7 fails and is requeued.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = Sender.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-in-batchack"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "batchack"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "ackBatchSize", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "requeue")})
public class BatchAckMdb implements dev.warren.jca.WarrenListener {
    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) {
        Object i = ((java.util.Map<?, ?>) message.payload()).get("i");
        if (Integer.valueOf(7).equals(i) && !message.redelivered()) {
            throw new IllegalStateException("the first delivery of message 7 fails");
        }
        recorder.record("batchack", i);
    }
}
