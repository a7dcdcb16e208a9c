package dev.warren.it.batch;

import dev.warren.Message;
import dev.warren.it.inbound.Recorder;
import dev.warren.it.tx.TxResources;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Container-managed (REQUIRED): inserts a row and publishes per message, all in the batch's one transaction; when
 * the batch holds a first delivery it calls setRollbackOnly() and returns normally. The rollback must undo every row
 * and publish and bring the whole batch back (failure policy requeue); the redelivered batch commits.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-batch"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = BatchRollbackMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "batchSize", propertyValue = "5"),
        @ActivationConfigProperty(propertyName = "batchTimeout", propertyValue = "300"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "requeue")})
public class BatchRollbackMdb implements dev.warren.jca.WarrenBatchListener {
    public static final String QUEUE = "warren-it-batch-rollback";

    @Resource
    MessageDrivenContext context;

    @EJB
    TxResources resources;

    @EJB
    Recorder recorder;

    @Override
    public void onMessages(List<Message> messages) throws Exception {
        boolean first = false;
        for (Message m : messages) {
            String id = new String(m.body(), StandardCharsets.UTF_8);
            resources.insertAndPublish("batch", id); // MANDATORY: fails unless the batch runs in a transaction
            recorder.record("rollback:" + id, m.redelivered());
            first |= !m.redelivered();
        }
        recorder.record("rollback-size", messages.size());
        if (first) {
            context.setRollbackOnly();
        }
    }
}
