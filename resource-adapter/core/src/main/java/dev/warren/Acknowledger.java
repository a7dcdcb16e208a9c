package dev.warren;

/**
 * Settles deliveries on the channel they arrived on. Implemented by sessions; {@link Message} calls it.
 * Implementations are thread-safe with respect to the channel's other operations.
 */
public interface Acknowledger {

    /**
     * @param deliveryTag the delivery to acknowledge
     * @throws BrokerException when the channel is closed
     */
    void ack(long deliveryTag);

    /**
     * @param deliveryTag the delivery to reject
     * @param requeue true to put it back on the queue, false to drop or dead-letter it
     * @throws BrokerException when the channel is closed
     */
    void reject(long deliveryTag, boolean requeue);
}
