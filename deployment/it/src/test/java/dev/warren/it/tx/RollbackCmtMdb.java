package dev.warren.it.tx;

import dev.warren.Message;
import dev.warren.it.inbound.Recorder;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;

import java.nio.charset.StandardCharsets;

/**
 * Container-managed (REQUIRED): inserts a row and publishes in the delivery transaction, then calls
 * setRollbackOnly() on the first delivery and returns normally. The rollback must undo both and redeliver.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-tx"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = RollbackCmtMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "requeue")})
public class RollbackCmtMdb implements dev.warren.jca.WarrenListener {
    public static final String QUEUE = "warren-it-rollback-cmt";

    @Resource
    MessageDrivenContext context;

    @EJB
    TxResources resources;

    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) throws Exception {
        String id = new String(message.body(), StandardCharsets.UTF_8);
        resources.insertAndPublish("cmt", id);
        recorder.record("cmt:" + id, message.redelivered());
        if (!message.redelivered()) {
            context.setRollbackOnly();
        }
    }
}
