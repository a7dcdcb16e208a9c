package dev.warren;

import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * One AMQP channel with Warren's vocabulary on top: declare and delete entities, publish, poll and
 * consume. This is what kombu calls a connection with its channel; {@link dev.warren.amqp.Warren#open} makes one over a
 * plain RabbitMQ {@code Connection} in Java SE, and the resource adapter's connection handle is one.
 *
 * <p>Declarations are remembered per session (kombu's {@code declared_entities}), so a producer or
 * {@code declare} option declares an exchange once per channel, not once per message.
 *
 * <p>Threading: a session wraps one channel; use it from one thread at a time. Consumer callbacks run on
 * the RabbitMQ client's dispatch thread and may settle their messages from there.
 *
 * <p>Errors: broker refusals and connection failures are {@link BrokerException}s naming the entity and
 * the fix; after a channel-level error the broker closes the channel, so the session is unusable
 * ({@link #isOpen()} is false) and must be replaced.
 */
public interface Session extends AutoCloseable {

    /** @return the codec that encodes and decodes bodies for this session */
    MessageCodec codec();

    /** @return the accept list for messages polled with {@link #get(Queue)} and consumers by default */
    Accept accept();

    /**
     * @return the publisher-confirm timeout every publish of this session waits for unless the producer or
     *         the message says otherwise; null (the default) means no confirms
     */
    default java.time.Duration confirmTimeout() {
        return null;
    }

    /** @return the retry policy for publishes that hit a lost connection (default: none) */
    default RetryPolicy retryPolicy() {
        return RetryPolicy.NONE;
    }

    /**
     * @return whether this session propagates trace context: W3C {@code traceparent}/{@code tracestate} written on
     *         publish, the producer's trace made current around {@link dev.warren.Consumer} callbacks, and (with a
     *         global OpenTelemetry SDK) a {@code receive} span for each {@link #get(Queue)} that returned a message,
     *         when OpenTelemetry's API is on the class path (default true; {@link SessionConfig#withTracing(boolean)})
     */
    default boolean tracing() {
        return true;
    }

    /** @return whether the channel is open */
    boolean isOpen();

    /**
     * Declares an exchange (remembered: declared once per session).
     *
     * @param exchange the exchange
     * @throws BrokerException when the broker refuses (e.g. it exists with another type)
     */
    void declare(Exchange exchange);

    /**
     * Checks an exchange exists.
     *
     * @param exchange the exchange
     * @throws BrokerException with reply code 404 when it does not exist
     */
    void declarePassive(Exchange exchange);

    /**
     * Deletes an exchange.
     *
     * @param exchange the exchange
     */
    void delete(Exchange exchange);

    /**
     * Declares a queue: its bindings' exchanges, then the queue, then its bindings.
     *
     * @param queue the queue
     * @return the queue as declared, with the broker-generated name for a server-named queue (a detached value)
     * @throws BrokerException when the broker refuses (e.g. inequivalent arguments)
     */
    Queue declare(Queue queue);

    /**
     * @param queue the queue
     * @return message and consumer counts
     * @throws BrokerException with reply code 404 when it does not exist
     */
    QueueInfo declarePassive(Queue queue);

    /**
     * @param queue the queue
     * @return how many messages were removed
     */
    long purge(Queue queue);

    /** @param queue the queue to delete with its messages */
    void delete(Queue queue);

    /**
     * Declares a binding on the broker (queue.bind), beyond the queue's own {@link Queue#bindings()}.
     *
     * @param queue the queue
     * @param binding the binding to declare
     * @throws BrokerException when the broker refuses (e.g. the exchange does not exist)
     */
    void declareBinding(Queue queue, Binding binding);

    /**
     * Deletes a binding on the broker (queue.unbind).
     *
     * @param queue the queue
     * @param binding the binding to remove
     * @throws BrokerException when the broker refuses
     */
    void deleteBinding(Queue queue, Binding binding);

    /**
     * Polls one message (basic.get), to be settled by the caller. To process it in the producer's trace, as a
     * consumer callback is, run the processing inside {@link Message#startTrace()}.
     *
     * @param queue the queue
     * @return the message, or empty when none is ready
     */
    default Optional<Message> get(Queue queue) {
        return get(queue, false);
    }

    /**
     * Polls one message.
     *
     * @param queue the queue
     * @param noAck true to have the broker consider it acknowledged on delivery
     * @return the message, or empty when none is ready
     */
    Optional<Message> get(Queue queue, boolean noAck);

    /**
     * @param exchange the exchange to publish to
     * @return a producer for it with kombu's defaults (auto-declare, json for structured bodies)
     */
    default Producer producer(Exchange exchange) {
        return new Producer(this, exchange);
    }

    /**
     * @param queues the queues to consume from (one consumer set)
     * @return a consumer, configured but not consuming until {@link dev.warren.Consumer#consume()}
     */
    default dev.warren.Consumer consumer(Queue... queues) {
        return new dev.warren.Consumer(this, queues);
    }

    /**
     * Publishes an already encoded body. {@link Producer} is the usual way in.
     *
     * @param exchange the exchange name
     * @param routingKey the routing key
     * @param mandatory return the message if unroutable
     * @param properties the properties
     * @param body the body
     */
    default void basicPublish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                              byte[] body) {
        basicPublish(exchange, routingKey, mandatory, properties, body, null);
    }

    /**
     * Publishes an already encoded body and, with a confirm timeout, waits for the broker's confirmation
     * (the channel is put in confirm mode on first use).
     *
     * @param exchange the exchange name
     * @param routingKey the routing key
     * @param mandatory return the message if unroutable (with confirms: fail with
     *        {@link PublishException.Reason#UNROUTABLE})
     * @param properties the properties
     * @param body the body
     * @param confirmTimeout how long to wait for the confirmation, or null to not wait
     * @throws PublishException when the broker nacks, the confirmation times out, or a mandatory
     *         confirmed message comes back unroutable
     * @throws BrokerException when the channel or connection fails
     */
    void basicPublish(String exchange, String routingKey, boolean mandatory, MessageProperties properties,
                      byte[] body, java.time.Duration confirmTimeout);

    /**
     * Sets the prefetch (basic.qos) for consumers started afterwards on this channel.
     *
     * @param prefetchCount unacknowledged messages per consumer; 0 = unlimited
     */
    void basicQos(int prefetchCount);

    /**
     * Starts a broker consumer. {@link dev.warren.Consumer} is the usual way in.
     *
     * @param queue the queue name
     * @param noAck whether the broker auto-acknowledges
     * @param accept the accept list for the delivered messages
     * @param handler receives the deliveries
     * @return the consumer tag
     */
    String basicConsume(String queue, boolean noAck, Accept accept, DeliveryHandler handler);

    /**
     * Starts a broker consumer with consume arguments — what basic.consume carries besides the queue, e.g.
     * {@code x-stream-offset} ({@code "first"}, {@code "last"}, {@code "next"}, an offset as a {@code Long} or a
     * {@link java.util.Date} timestamp) for a stream queue, or {@code x-priority} (an {@code Integer}). Values must
     * be AMQP field-table values (String, Integer, Long, Boolean, Date, nested Map or List). The default refuses
     * arguments, for sessions that cannot pass them; {@code Warren.open} sessions and the adapter's connections can.
     *
     * @param queue the queue name
     * @param noAck whether the broker auto-acknowledges
     * @param arguments the consume arguments (empty = none)
     * @param accept the accept list for the delivered messages
     * @param handler receives the deliveries
     * @return the consumer tag
     * @throws BrokerException when the broker refuses the consumer (e.g. an argument it does not accept)
     */
    default String basicConsume(String queue, boolean noAck, java.util.Map<String, Object> arguments, Accept accept,
                                DeliveryHandler handler) {
        if (!arguments.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot pass consume arguments "
                    + arguments.keySet() + " for queue '" + queue + "'. Fix: consume through a session opened by"
                    + " Warren.open or the resource adapter's connection factory.");
        }
        return basicConsume(queue, noAck, accept, handler);
    }

    /** @param consumerTag a consumer tag returned by {@link #basicConsume} */
    void basicCancel(String consumerTag);

    /** @param requeue redeliver unacknowledged messages (true) or to the same consumer (false) */
    void recover(boolean requeue);

    /**
     * Registers a listener for mandatory messages the broker returns as unroutable.
     *
     * @param listener called on the client's thread with each returned message
     * @return a handle that removes the listener when closed
     */
    AutoCloseable onReturn(Consumer<ReturnedMessage> listener);

    /**
     * Supervises this session's consumers (see {@link Supervision}): after the broker closes the channel or cancels a
     * consumer, the channel is reopened when needed and {@code setup} runs again, with capped backoff. Sessions that
     * cannot reopen their channel (one wrapping a channel the application opened) resubscribe after cancels only
     * and log a WARNING, naming the fix, when the channel closes.
     *
     * @param name names the consumer in log lines
     * @param setup declares, sets qos and consumes again
     * @return the supervision, to close when the consumer stops; {@link Supervision#NONE} by default
     */
    default Supervision supervise(String name, Supervision.Setup setup) {
        return Supervision.NONE;
    }

    /** Closes the channel (a session made by {@link dev.warren.amqp.Warren#open} only closes its own channel). */
    @Override
    void close();
}
