package dev.warren;

/**
 * Keeps a session's consumers alive (see {@link Session#supervise}): after the broker closes the channel (a 404 or
 * 406 channel error, an operator closing it) or cancels a consumer (its queue was deleted), the channel is reopened
 * when needed and the owner's {@link Setup} runs again — declare, qos, consume — with capped backoff, until it works
 * or the supervision is closed. One WARNING is logged per outage and one INFO on recovery; a consumer never stops
 * silently. A lost connection is left to the client's automatic recovery, which reopens the channel and its
 * consumers itself.
 *
 * <p>Threading: thread-safe; the setup runs on the supervision's scheduler thread, never concurrently with itself.
 */
public interface Supervision extends AutoCloseable {

    /** A supervision that does nothing: for sessions that cannot reopen their channel. */
    Supervision NONE = new Supervision() {
        @Override
        public void consumerCancelled(String consumerTag) {
        }

        @Override
        public boolean recovering() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    /** What to do on a fresh or still-open channel to consume again. */
    @FunctionalInterface
    interface Setup {
        /**
         * @param newChannel true when the channel was replaced (every earlier consumer tag is gone); false when only
         *        some consumers were cancelled by the broker on a channel that is still open
         * @throws RuntimeException when it fails; the supervision tries again after the next backoff interval
         */
        void run(boolean newChannel);
    }

    /**
     * The broker cancelled a consumer of the supervised channel: consume again after a backoff interval.
     *
     * @param consumerTag the cancelled consumer
     */
    void consumerCancelled(String consumerTag);

    /** @return whether an outage is being repaired right now */
    boolean recovering();

    /** Stops supervising; a pending reopen is dropped. Does not close the channel. */
    @Override
    void close();
}
