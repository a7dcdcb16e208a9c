package dev.warren.sample.feed;

import dev.warren.Message;
import dev.warren.jca.WarrenListener;
import dev.warren.sample.MessageView;
import dev.warren.sample.ProcessedLog;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

import java.util.Map;

/**
 * The kombu seeds' feed import callback as a message-driven bean:
 * <pre>
 * def import_feed_callback(message_data, message):
 *     print("Got feed import message for: %s" % message_data["import_feed"])
 *     message.ack()
 * </pre>
 * Returning normally acknowledges the message. The activation properties declare the topology the
 * consumer needs (exchange feed, queue feed bound with key importer); a deployer may override them in
 * ejb-jar.xml. The resource adapter is named in WEB-INF/glassfish-ejb-jar.xml.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "feed"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = "feed"),
        @ActivationConfigProperty(propertyName = "exchangeType", propertyValue = "direct"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "importer"),
        @ActivationConfigProperty(propertyName = "accept", propertyValue = "json,yaml,msgpack"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "10"),
        // a message that cannot be decoded (e.g. pickle, not accepted) is dropped, not requeued forever
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "reject")})
public class FeedImporter implements WarrenListener {

    @EJB
    private ProcessedLog processed;

    @Override
    public void onMessage(Message message) {
        Map<?, ?> body = message.payload(Map.class);
        System.out.println("Got feed import message for: " + body.get("import_feed"));
        processed.record(MessageView.of(message));
    }
}
