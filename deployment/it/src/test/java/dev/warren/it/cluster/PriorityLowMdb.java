package dev.warren.it.cluster;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

/** The default consumer priority (0) on the priority queue. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ClusterContainerIT.PRIORITY_QUEUE),
        @ActivationConfigProperty(propertyName = "addresses", propertyValue = ClusterContainerIT.ADDRESSES),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "" + ClusterContainerIT.PRIORITY_PREFETCH),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "1")})
@TransactionManagement(TransactionManagementType.BEAN)
public class PriorityLowMdb implements dev.warren.jca.WarrenListener {
    @EJB
    FeatureLog log;

    @Override
    public void onMessage(Message message) {
        log.received("low", message.properties().messageId(), message.redelivered());
    }
}
