package dev.warren.amqp;

/**
 * What a channel session reports to whoever counts its traffic (the resource adapter's metrics, set with
 * {@code dev.warren.amqp.internal.ChannelSession.observe}): one call per publish outcome and per settlement, on the
 * thread that published or settled. Implementations must be thread-safe, cheap and must not throw (they run on the publish and delivery paths).
 */
public interface SessionEvents {
    /** Counts nothing; the default of every session. */
    SessionEvents NONE = new SessionEvents() {
    };

    /** A message left for the broker (basic.publish was written). */
    default void published() {
    }

    /** The broker confirmed a publish (publisher confirms). */
    default void confirmed() {
    }

    /** The broker nacked a publish (publisher confirms). */
    default void nacked() {
    }

    /** The broker returned a mandatory publish as unroutable. */
    default void returned() {
    }

    /** A publish failed: the channel or connection broke, or the confirm did not come in time. */
    default void publishFailed() {
    }

    /** A received message was acknowledged (or its acknowledgement held for a multiple-ack). */
    default void acked() {
    }

    /** A received message was rejected without requeue (the queue's dead-lettering, if any, gets it). */
    default void rejected() {
    }

    /** A received message was given back to its queue. */
    default void requeued() {
    }
}
