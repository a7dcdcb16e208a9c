package dev.warren.it.cluster;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

/** Single active consumer on a quorum queue, connected to node 1 first (addressShuffle=false). Each message takes SAC_WORK_MILLIS of work. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ClusterContainerIT.SAC_QUEUE),
        @ActivationConfigProperty(propertyName = "addresses", propertyValue = "127.0.0.1:6801,127.0.0.1:6802,127.0.0.1:6803"),
        @ActivationConfigProperty(propertyName = "addressShuffle", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-sac-first"),
        @ActivationConfigProperty(propertyName = "queueArguments", propertyValue = "x-queue-type=quorum"),
        @ActivationConfigProperty(propertyName = "singleActiveConsumer", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "10"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "1")})
@TransactionManagement(TransactionManagementType.BEAN)
public class SacFirstMdb implements dev.warren.jca.WarrenListener {
    @EJB
    FeatureLog log;

    @Override
    public void onMessage(Message message) {
        try {
            Thread.sleep(ClusterContainerIT.SAC_WORK_MILLIS); // the work: spreads the queue over a few seconds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        log.received("first", message.properties().messageId(), message.redelivered());
    }
}
