package dev.warren.it.lifecycle;

import dev.warren.Message;
import dev.warren.jca.WarrenListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** An invalid activation: prefetch must not be negative. Deploying it must fail, naming the property. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "warren-it-bad"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "-5")})
public class BadMdb implements WarrenListener {
    @Override
    public void onMessage(Message message) {
    }
}
