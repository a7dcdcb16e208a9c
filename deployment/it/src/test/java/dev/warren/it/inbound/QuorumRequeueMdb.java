package dev.warren.it.inbound;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/**
 * Always fails with failurePolicy requeue on a quorum queue: the broker's x-delivery-count bounds the requeues
 * (maxRedeliveries 2 → 3 deliveries), then the message is rejected to the queue's dead-letter queue.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = Sender.EXCHANGE),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = QuorumRequeueMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "quorum"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "requeue"),
        @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "2"),
        @ActivationConfigProperty(propertyName = "queueArguments", propertyValue = "x-queue-type=quorum,x-dead-letter-exchange='',x-dead-letter-routing-key=" + QuorumRequeueMdb.QUEUE + "-dlq")})
public class QuorumRequeueMdb implements dev.warren.jca.WarrenListener {
    static final String QUEUE = "warren-it-in-quorum";

    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.record("quorum-attempt", String.valueOf(message.headers().get("x-delivery-count")));
        throw new IllegalStateException("always fails");
    }
}
