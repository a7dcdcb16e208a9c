package dev.warren.it.batch;

import dev.warren.Message;
import dev.warren.it.inbound.Recorder;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

import java.util.List;

/** batchSize 20, batchTimeout 500 ms: records each batch's size and when it arrived ({@link System#nanoTime()}). */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-batch"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = BatchTimeoutMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "40"),
        @ActivationConfigProperty(propertyName = "batchSize", propertyValue = "20"),
        @ActivationConfigProperty(propertyName = "batchTimeout", propertyValue = "" + BatchTimeoutMdb.TIMEOUT_MS)})
public class BatchTimeoutMdb implements dev.warren.jca.WarrenBatchListener {
    public static final String QUEUE = "warren-it-batch-timeout";
    public static final long TIMEOUT_MS = 500;

    @EJB
    Recorder recorder;

    @Override
    public void onMessages(List<Message> messages) {
        recorder.record("timeout-at", System.nanoTime());
        recorder.record("timeout-size", messages.size());
    }
}
