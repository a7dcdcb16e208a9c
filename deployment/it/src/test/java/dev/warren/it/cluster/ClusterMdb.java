package dev.warren.it.cluster;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

/**
 * Four consumers on a quorum queue of the three-node cluster (all three nodes in {@code addresses}, shuffled as the
 * client does by default; default networkRecoveryInterval of 5 s). Records every message id.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "addresses", propertyValue = ClusterContainerIT.ADDRESSES),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = ClusterContainerIT.INBOUND_NAME),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ClusterContainerIT.QUEUE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queueArguments", propertyValue = "x-queue-type=quorum"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "20")})
@TransactionManagement(TransactionManagementType.BEAN)
public class ClusterMdb implements dev.warren.jca.WarrenListener {
    @EJB
    ClusterIds ids;

    @Override
    public void onMessage(Message message) {
        ids.seen(message.properties().messageId());
    }
}
