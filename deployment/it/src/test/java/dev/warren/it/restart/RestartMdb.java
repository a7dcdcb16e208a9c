package dev.warren.it.restart;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import java.nio.charset.StandardCharsets;

/**
 * Records every message id. Its broker (uri) is the private fault node, set in the test's generated
 * WEB-INF/ejb-jar.xml because the node's port is chosen per run. setupAttempts=-1: the app deploys while the
 * node is still down and the activation starts consuming once it is up.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-restart"),
        @ActivationConfigProperty(propertyName = "networkRecoveryInterval", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "connectionTimeout", propertyValue = "3000"),
        @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
        @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "1000"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = RestartIT.QUEUE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "20")})
@TransactionManagement(TransactionManagementType.BEAN)
public class RestartMdb implements dev.warren.jca.WarrenListener {
    @EJB
    Ids ids;

    @Override
    public void onMessage(Message message) {
        ids.seen(new String(message.body(), StandardCharsets.UTF_8));
    }
}
