package dev.warren.it.tls;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/**
 * Consumes over TLS from the private TLS node. Its broker settings (host, TLS port, trust store) are chosen per run
 * and set in the test's generated WEB-INF/ejb-jar.xml.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = TlsContainerIT.QUEUE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = TlsContainerIT.INBOUND_NAME)})
public class TlsMdb implements dev.warren.jca.WarrenListener {
    @EJB
    TlsRecorder recorder;

    @Override
    public void onMessage(Message message) {
        recorder.received(String.valueOf(message.payload()));
    }
}
