package dev.warren.it.inbound;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Slow bean with concurrency 4: several instances must run at once. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = Sender.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-in-parallel"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "parallel"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "1")})
public class ParallelMdb implements dev.warren.jca.WarrenListener {
    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) throws Exception {
        recorder.enter("parallel");
        try {
            Thread.sleep(300);
        } finally {
            recorder.exit("parallel");
        }
        recorder.record("parallel", message.payload());
    }
}
