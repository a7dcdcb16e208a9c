package dev.warren;

/**
 * Where a received message came from.
 *
 * @param exchange the exchange it was published to ({@code ""} for the default exchange)
 * @param routingKey the routing key it was published with
 * @param redelivered whether the broker delivered it before (then requeued or not acked)
 * @param deliveryTag the channel-scoped tag used to ack it
 * @param consumerTag the consumer it was delivered to, or null for a polled ({@code get}) message
 * @param queue the queue it was consumed or polled from, or null for a returned message
 */
public record DeliveryInfo(String exchange, String routingKey, boolean redelivered, long deliveryTag,
                           String consumerTag, String queue) {
}
