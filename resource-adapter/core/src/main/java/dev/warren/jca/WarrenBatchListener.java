package dev.warren.jca;

import dev.warren.Message;

import java.util.List;

/**
 * A message listener interface receiving messages in batches: up to {@code batchSize} messages of one consumer
 * channel per call, or fewer when {@code batchTimeout} milliseconds passed since the first message of the batch
 * arrived.
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "queue", propertyValue = "feed"),
 *     @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "100"),
 *     @ActivationConfigProperty(propertyName = "batchSize", propertyValue = "50"),
 *     @ActivationConfigProperty(propertyName = "batchTimeout", propertyValue = "200")})
 * public class FeedLoader implements WarrenBatchListener {
 *     public void onMessages(List<Message> messages) { … one insert for all … }
 * }
 * }</pre>
 *
 * <p>Transactions: one per batch. With container-managed transactions the call runs in one transaction, and the
 * messages the bean left unsettled are acknowledged after it commits, with one AMQP multiple-ack when none of them
 * was settled by the bean (otherwise one ack each).
 *
 * <p>Threading: called on the application server's WorkManager threads; an activation runs up to
 * {@code concurrency} calls in parallel, each consumer channel one batch at a time. The list is immutable, in
 * delivery order, and never empty.
 *
 * <p>Errors: throwing anything (or a transaction that rolls back) applies the activation's failure policy to each
 * message the bean left unsettled, one by one (each with its own redelivery count). The bean may settle single
 * messages itself ({@link Message#ack()}, {@link Message#reject()}, {@link Message#requeue()}); those are not
 * settled again, and those settlements are not transactional (they stand when the transaction rolls back). The
 * payload of every message is decoded with the activation's accept list before the call: a message that cannot be
 * decoded or is not accepted is left out of the batch and handed to the failure policy on its own, so it cannot
 * fail the others.
 */
public interface WarrenBatchListener {

    /**
     * @param messages the batch: 1 to {@code batchSize} messages of one consumer channel, in delivery order
     * @throws Exception to have the failure policy applied to the messages the bean left unsettled
     */
    void onMessages(List<Message> messages) throws Exception;
}
