package dev.warren.it.cluster;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

/** Reads only what is written to the stream after it subscribed. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ClusterContainerIT.STREAM_QUEUE),
        @ActivationConfigProperty(propertyName = "addresses", propertyValue = ClusterContainerIT.ADDRESSES),
        @ActivationConfigProperty(propertyName = "queueArguments", propertyValue = "x-queue-type=stream"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "streamOffset", propertyValue = "next"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "1")})
@TransactionManagement(TransactionManagementType.BEAN)
public class StreamNextMdb implements dev.warren.jca.WarrenListener {
    @EJB
    FeatureLog log;

    @Override
    public void onMessage(Message message) {
        log.received("stream-next", message.properties().messageId(), message.redelivered());
    }
}
