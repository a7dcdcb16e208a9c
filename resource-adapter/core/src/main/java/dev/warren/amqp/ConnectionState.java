package dev.warren.amqp;

/** The state of a broker connection, as metrics and readiness report it. */
public enum ConnectionState {
    /** open and usable */
    OPEN,
    /** lost; the client's automatic recovery is reconnecting */
    RECOVERING,
    /** closed for good (by the application, or recovery gave up) */
    CLOSED;

    /**
     * @param other another state
     * @return the worse of the two (closed, then recovering, then open)
     */
    public ConnectionState worse(ConnectionState other) {
        return other == null || ordinal() >= other.ordinal() ? this : other;
    }
}
