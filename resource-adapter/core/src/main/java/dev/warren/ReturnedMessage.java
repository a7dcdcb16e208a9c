package dev.warren;

/**
 * A mandatory message the broker could not route to any queue, handed to the session's return listeners.
 *
 * @param replyCode the AMQP reply code (312 NO_ROUTE)
 * @param replyText the broker's text
 * @param exchange the exchange it was published to
 * @param routingKey the routing key it was published with
 * @param message the message (state {@link Message.State#RETURNED}; its payload can be decoded)
 */
public record ReturnedMessage(int replyCode, String replyText, String exchange, String routingKey,
                              Message message) {
}
