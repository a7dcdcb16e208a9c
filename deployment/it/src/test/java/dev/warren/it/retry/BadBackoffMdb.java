package dev.warren.it.retry;

import dev.warren.Message;
import dev.warren.jca.WarrenListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** An invalid backoff: the longest delay is shorter than the first. Deploying it must fail, naming retryMaxDelay. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-retry-bad"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "requeue"),
        @ActivationConfigProperty(propertyName = "retryDelay", propertyValue = "5000"),
        @ActivationConfigProperty(propertyName = "retryMaxDelay", propertyValue = "1000")})
public class BadBackoffMdb implements WarrenListener {
    @Override
    public void onMessage(Message message) {
    }
}
