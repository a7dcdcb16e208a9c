package dev.warren.jca;

import dev.warren.Producer;
import dev.warren.Session;

/**
 * A connection handle from {@link WarrenConnectionFactory}: a {@link Session} (declare, publish, poll,
 * consume) on a pooled channel. Closing it returns the channel to the pool; any use after close throws
 * {@link IllegalStateException} naming the handle.
 *
 * <p>Threading: one thread at a time, like {@link Session}. Errors: broker refusals are
 * {@link dev.warren.BrokerException}s; one that closed the channel also tells the pool to drop the
 * channel, so the next handle gets a fresh one. Consumers started on a handle are cancelled when the
 * handle is closed (for long-running consumption use a message-driven bean instead).
 */
public interface WarrenConnection extends Session {

    /**
     * @return a producer for the factory's {@code defaultExchange} and {@code defaultRoutingKey}, with its
     *         {@code defaultSerializer} and {@code compression}
     */
    Producer producer();

    /** @return whether {@link #close()} was called on this handle */
    boolean isClosed();

    /** Returns the channel to the pool. Idempotent. */
    @Override
    void close();
}
