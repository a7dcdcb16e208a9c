package dev.warren.it.cluster;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

/** Reads the stream from its first message. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ClusterContainerIT.STREAM_QUEUE),
        @ActivationConfigProperty(propertyName = "addresses", propertyValue = ClusterContainerIT.ADDRESSES),
        @ActivationConfigProperty(propertyName = "queueArguments", propertyValue = "x-queue-type=stream"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "streamOffset", propertyValue = "first"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "1")})
@TransactionManagement(TransactionManagementType.BEAN)
public class StreamFirstMdb implements dev.warren.jca.WarrenListener {
    @EJB
    FeatureLog log;

    @Override
    public void onMessage(Message message) {
        log.received("stream-first", message.properties().messageId(), message.redelivered());
    }
}
