package dev.warren.jca;

import dev.warren.Message;

/**
 * The message listener interface of Warren's message-driven beans.
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "queue", propertyValue = "feed"),
 *     @ActivationConfigProperty(propertyName = "exchange", propertyValue = "feed"),
 *     @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "importer")})
 * public class FeedImporter implements WarrenListener {
 *     public void onMessage(Message message) { FeedImport f = message.payload(FeedImport.class); … }
 * }
 * }</pre>
 *
 * <p>Threading: called on the application server's WorkManager threads; an activation runs up to
 * {@code concurrency} calls in parallel, each consumer channel one message at a time.
 *
 * <p>Errors: returning normally acknowledges the message (after the container transaction, if any,
 * committed). Throwing anything — including a {@link dev.warren.DecodeException} or
 * {@link dev.warren.ContentDisallowedException} from {@code message.payload()} — applies the activation's
 * failure policy (requeue, reject or dead-letter). The bean may also settle the message itself.
 */
public interface WarrenListener {

    /**
     * @param message the delivered message
     * @throws Exception to have the failure policy applied
     */
    void onMessage(Message message) throws Exception;
}
