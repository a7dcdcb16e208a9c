package dev.warren.it.undeploy;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** Undeploy bean 9 of ten (see {@link SlowBean}). */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-undeploy"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = SlowBean.QUEUE_PREFIX + "9"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "requeue")})
public class SlowMdb9 extends SlowBean implements dev.warren.jca.WarrenListener {
    /**
     * Listener interface and method on the bean class itself: Payara takes the message listener interface from the
     * bean class's own implements clause (inherited, it finds no transaction attribute for onMessage).
     */
    @Override
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
    public void onMessage(dev.warren.Message message) throws Exception {
        super.onMessage(message);
    }
}
