package dev.warren.jca;

import dev.warren.Exchange;
import dev.warren.Queue;
import dev.warren.serialization.Accept;

/**
 * A validated, immutable activation: what {@link WarrenActivationSpec#toConfig()} makes of the spec's text
 * properties.
 *
 * @param settings connection overrides (of the adapter's settings)
 * @param queue the queue with its bindings, declared on activation
 * @param prefetch unacknowledged messages per consumer channel
 * @param concurrency consumer channels (parallel bean invocations)
 * @param ackBatchSize acknowledgements per AMQP multiple-ack (1 = each message acknowledged at once)
 * @param accept the serializers messages may be decoded with
 * @param failurePolicy what to do when delivery fails
 * @param maxRedeliveries retries before dead-lettering (dead-letter policy)
 * @param deadLetterExchange where dead letters go ({@code ""} = default exchange), or null
 * @param deadLetterRoutingKey their routing key, or null to keep the original one
 * @param setupAttempts attempts to reach the broker and start consuming (-1 = forever, 1 = fail at once)
 * @param setupInterval milliseconds between those attempts
 * @param retryBackoff the delays between attempts (retryDelay, retryMultiplier, retryMaxDelay), or null to retry at
 *        once (the default)
 * @param tracing deliver inside the message's trace context (the activation's {@code tracing}; the adapter's switch is
 *        applied by {@link EndpointActivation})
 * @param consumerArguments the basic.consume arguments ({@code x-priority}, {@code x-stream-offset}); empty for none
 */
record ActivationConfig(ConnectionSettings settings, Queue queue, int prefetch, int concurrency, int ackBatchSize,
                        Accept accept, FailurePolicy failurePolicy, int maxRedeliveries, String deadLetterExchange,
                        String deadLetterRoutingKey, int setupAttempts, long setupInterval, RetryBackoff retryBackoff,
                        boolean tracing, java.util.Map<String, Object> consumerArguments) {

    ActivationConfig {
        consumerArguments = java.util.Map.copyOf(consumerArguments);
    }

    /**
     * @return what the activation declares, in order: the work queue (with its exchanges and bindings), then the
     *         retry queues of the backoff, if the failure policy retries through them
     */
    java.util.List<Queue> declarations() {
        java.util.List<Queue> out = new java.util.ArrayList<>();
        out.add(queue);
        out.addAll(retryQueues());
        return out;
    }

    /** @return the retry queues (one per distinct delay); empty without a backoff or under failurePolicy reject */
    java.util.List<Queue> retryQueues() {
        return delaysRetries() ? retryBackoff.retryQueues(queue, maxRedeliveries) : java.util.List.of();
    }

    /** @return whether failed messages wait in retry queues (a backoff under dead-letter or requeue) */
    boolean delaysRetries() {
        return retryBackoff != null && failurePolicy != FailurePolicy.REJECT && maxRedeliveries > 0;
    }

    /** @return the exchange the dead letters go to */
    Exchange deadLetterExchangeValue() {
        return deadLetterExchange == null || deadLetterExchange.isEmpty() ? Exchange.DEFAULT
                : Exchange.direct(deadLetterExchange);
    }
}
