package dev.warren;

/**
 * Receives the deliveries of one broker consumer (the building block of {@link Consumer}). Called on the
 * RabbitMQ client's dispatch thread for the channel, one delivery at a time, in order.
 */
public interface DeliveryHandler {

    /** @param message the delivered message */
    void handle(Message message);

    /**
     * The broker cancelled the consumer (its queue was deleted, or it failed over).
     *
     * @param consumerTag the cancelled consumer
     */
    default void cancelled(String consumerTag) {
    }

    /**
     * The broker confirmed a cancel the application asked for ({@link Session#basicCancel}): every delivery of this
     * consumer has been handed to {@link #handle} before this call, and none follows.
     *
     * @param consumerTag the cancelled consumer
     */
    default void cancelOk(String consumerTag) {
    }
}
