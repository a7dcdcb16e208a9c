package dev.warren.it.cluster;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

/** Consumer priority 10 on a classic queue; the test can hold it (FeatureLog.hold) to fill its prefetch. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ClusterContainerIT.PRIORITY_QUEUE),
        @ActivationConfigProperty(propertyName = "addresses", propertyValue = ClusterContainerIT.ADDRESSES),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "" + ClusterContainerIT.PRIORITY_PREFETCH),
        @ActivationConfigProperty(propertyName = "consumerPriority", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "1")})
@TransactionManagement(TransactionManagementType.BEAN)
public class PriorityHighMdb implements dev.warren.jca.WarrenListener {
    @EJB
    FeatureLog log;

    @Override
    public void onMessage(Message message) {
        try {
            log.pass(); // held by the test to use up its prefetch
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        log.received("high", message.properties().messageId(), message.redelivered());
    }
}
