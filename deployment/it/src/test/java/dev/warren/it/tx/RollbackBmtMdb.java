package dev.warren.it.tx;

import dev.warren.Message;
import dev.warren.it.inbound.Recorder;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.transaction.UserTransaction;

import java.nio.charset.StandardCharsets;

/**
 * Bean-managed: its UserTransaction is its own (the delivery is not part of it). On the first delivery it marks the
 * transaction rollback-only, so commit() rolls back and throws RollbackException, which reaches the adapter: the
 * failure policy redelivers.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-tx"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = RollbackBmtMdb.QUEUE),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "requeue")})
@TransactionManagement(TransactionManagementType.BEAN)
public class RollbackBmtMdb implements dev.warren.jca.WarrenListener {
    public static final String QUEUE = "warren-it-rollback-bmt";

    @Resource
    UserTransaction transaction;

    @EJB
    TxResources resources;

    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) throws Exception {
        String id = new String(message.body(), StandardCharsets.UTF_8);
        recorder.record("bmt:" + id, message.redelivered());
        transaction.begin();
        resources.insertAndPublish("bmt", id);
        if (!message.redelivered()) {
            transaction.setRollbackOnly();
        }
        transaction.commit(); // after setRollbackOnly: rolls back and throws RollbackException
    }
}
