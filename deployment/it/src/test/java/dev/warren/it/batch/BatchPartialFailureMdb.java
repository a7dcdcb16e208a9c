package dev.warren.it.batch;

import dev.warren.Message;
import dev.warren.it.inbound.Recorder;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

import java.util.List;
import java.util.Map;

/**
 * Acknowledges the messages it can handle itself (i below 4), then throws: the rest take the failure policy,
 * dead-letter with maxRedeliveries 1 (each is retried once on its own count, then dead-lettered).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-batch"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = BatchPartialFailureMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "20"),
        @ActivationConfigProperty(propertyName = "batchSize", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "batchTimeout", propertyValue = "300"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "dead-letter"),
        @ActivationConfigProperty(propertyName = "deadLetterExchange", propertyValue = ""),
        @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = BatchPartialFailureMdb.DLQ),
        @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "1")})
public class BatchPartialFailureMdb implements dev.warren.jca.WarrenBatchListener {
    public static final String QUEUE = "warren-it-batch-partial";
    public static final String DLQ = "warren-it-batch-partial-dlq";

    @EJB
    Recorder recorder;

    @Override
    public void onMessages(List<Message> messages) {
        recorder.record("partial-size", messages.size());
        for (Message m : messages) {
            int i = ((Number) ((Map<?, ?>) m.payload()).get("i")).intValue();
            recorder.record("partial-seen", i);
            if (i < 4) {
                m.ack();
                recorder.record("partial-acked", i);
            }
        }
        throw new IllegalStateException("only 0-3 could be handled");
    }
}
