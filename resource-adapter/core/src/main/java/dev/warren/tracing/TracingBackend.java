package dev.warren.tracing;

import java.util.Map;

/** What {@link PublishTrace}, {@link DeliveryTrace} and {@link ReceiveTrace} need of a tracing library; implemented once, over OpenTelemetry. */
interface TracingBackend {

    /**
     * @param exchange the exchange ({@code ""} is the default exchange)
     * @param routingKey the routing key
     * @param headers the message's headers, without a {@code traceparent}
     * @param messageId the message id, or null
     * @return the trace of this publish, holding the headers to send
     */
    PublishTrace startPublish(String exchange, String routingKey, Map<String, Object> headers, String messageId);

    /**
     * @param headers the delivered message's headers
     * @param exchange the exchange it was published to
     * @param routingKey its routing key
     * @param queue the queue it came from, or null
     * @param messageId its message id, or null
     * @return the trace of this delivery, its context current on the calling thread
     */
    DeliveryTrace startDelivery(Map<String, Object> headers, String exchange, String routingKey, String queue,
                                String messageId);

    /**
     * @param headers each delivered message's headers, in delivery order
     * @param queue the queue they came from, or null
     * @return the trace of this batch, its context current on the calling thread ({@link DeliveryTrace#startBatch})
     */
    DeliveryTrace startBatch(java.util.List<Map<String, Object>> headers, String queue);

    /**
     * @param queue the queue polled
     * @return the trace of this poll, started in the calling thread's current context ({@link ReceiveTrace#start})
     */
    ReceiveTrace startReceive(String queue);
}
