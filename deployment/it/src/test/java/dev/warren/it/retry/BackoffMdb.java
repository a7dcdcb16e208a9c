package dev.warren.it.retry;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import java.nio.charset.StandardCharsets;

/**
 * failurePolicy dead-letter with a backoff of 500 ms, 1 s, 2 s (retryDelay 500, retryMultiplier 2, retryMaxDelay
 * 2000) and maxRedeliveries 3: a message waits in warren-it-retry.warren-retry.{500,1000,2000} between attempts, and
 * is dead-lettered to warren-it-retry-dlq after 4. One consumer, prefetch 1: a waiting message must not block it.
 * The body says what the bean does: "poison:…" always fails, "third:…" fails twice then succeeds, "plain:…" succeeds.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-retry"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = DelayedRetryIT.QUEUE),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "dead-letter"),
        @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "3"),
        @ActivationConfigProperty(propertyName = "retryDelay", propertyValue = "500"),
        @ActivationConfigProperty(propertyName = "retryMultiplier", propertyValue = "2.0"),
        @ActivationConfigProperty(propertyName = "retryMaxDelay", propertyValue = "2000"),
        @ActivationConfigProperty(propertyName = "deadLetterRoutingKey", propertyValue = DelayedRetryIT.DLQ)})
@TransactionManagement(TransactionManagementType.BEAN)
public class BackoffMdb implements dev.warren.jca.WarrenListener {
    @EJB
    Attempts attempts;

    @Override
    public void onMessage(Message message) {
        String id = new String(message.body(), StandardCharsets.UTF_8);
        Object header = message.headers() == null ? null : message.headers().get("x-warren-attempts");
        attempts.delivered(id, header);
        int failedBefore = header instanceof Number n ? n.intValue() : 0;
        if (id.startsWith("poison:") || id.startsWith("third:") && failedBefore < 2) {
            throw new IllegalStateException("failing " + id + " (attempt " + (failedBefore + 1) + ")");
        }
        attempts.succeeded(id);
    }
}
