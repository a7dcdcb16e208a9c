package dev.warren.it.tx;

import dev.warren.Message;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;

import java.nio.charset.StandardCharsets;

/** Container-managed, always setRollbackOnly(): dead-lettered at once with x-warren-exception "transaction rolled back". */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-tx"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = AlwaysRollbackMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "dead-letter"),
        @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "0"),
        @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = AlwaysRollbackMdb.DLQ)})
public class AlwaysRollbackMdb implements dev.warren.jca.WarrenListener {
    public static final String QUEUE = "warren-it-rollback-always";
    public static final String DLQ = "warren-it-rollback-always-dlq";

    @Resource
    MessageDrivenContext context;

    @EJB
    TxResources resources;

    @Override
    public void onMessage(Message message) throws Exception {
        resources.insertAndPublish("always", new String(message.body(), StandardCharsets.UTF_8));
        context.setRollbackOnly();
    }
}
