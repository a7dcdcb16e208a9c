package dev.warren.wildfly.inbound;

import dev.warren.Message;
import dev.warren.jca.WarrenListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/**
 * Bound to warren.rar by jboss-ejb3.xml. Keeps the Payara-style {@code resourceAdapter} activation property, as an
 * MDB written for Payara would: WildFly leaves it out (not an activation property of the adapter's ra.xml) and the
 * bean deploys unchanged. Records the message, then waits until the test opens the gate, so the test can look at
 * the broker while {@code onMessage} is still running.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = WildFlyInbound.CONNECTION),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = WildFlyInbound.EXCHANGE),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = WildFlyInbound.GATED_QUEUE),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "gated"),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true")})
public class GatedMdb implements WarrenListener {
    @EJB
    Recorder recorder;

    @Override
    public void onMessage(Message message) throws Exception {
        recorder.record("gated", java.util.Map.of("payload", message.payload(), "headers", message.headers(),
                "routingKey", message.deliveryInfo().routingKey(), "thread", Thread.currentThread().getName()));
        if (!recorder.await("gated", 20)) {
            throw new IllegalStateException("the test never opened the gate");
        }
        recorder.record("gated-done", message.payload());
    }
}
