package dev.warren.it.retry;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import java.nio.charset.StandardCharsets;

/**
 * Consumes from a private RabbitMQ node (its uri is set in the test's generated ejb-jar.xml: the node's port is
 * chosen per run) with a constant 3 s retry delay; fails twice, then succeeds. The node is restarted while the
 * message waits in the retry queue.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-retry-restart"),
        @ActivationConfigProperty(propertyName = "networkRecoveryInterval", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "connectionTimeout", propertyValue = "3000"),
        @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = DelayedRetryIT.RESTART_QUEUE),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "dead-letter"),
        @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "3"),
        @ActivationConfigProperty(propertyName = "retryDelay", propertyValue = "3000"),
        @ActivationConfigProperty(propertyName = "retryMultiplier", propertyValue = "1.0"),
        @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = DelayedRetryIT.RESTART_DLQ)})
@TransactionManagement(TransactionManagementType.BEAN)
public class RestartRetryMdb implements dev.warren.jca.WarrenListener {
    @EJB
    Attempts attempts;

    @Override
    public void onMessage(Message message) {
        String id = new String(message.body(), StandardCharsets.UTF_8);
        Object header = message.headers() == null ? null : message.headers().get("x-warren-attempts");
        attempts.delivered(id, header);
        if ((header instanceof Number n ? n.intValue() : 0) < 2) {
            throw new IllegalStateException("failing " + id);
        }
        attempts.succeeded(id);
    }
}
