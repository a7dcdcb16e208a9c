package dev.warren;

/**
 * The broker refused an operation or the connection to it failed. Translated from the RabbitMQ client's
 * exceptions in one place; {@link #replyCode()} carries the AMQP reply code (e.g. 404 NOT_FOUND,
 * 406 PRECONDITION_FAILED, 403 ACCESS_REFUSED), or 0 when the failure was not a broker reply (I/O error,
 * timeout, connection lost).
 *
 * <p>{@link #channelClosed()} tells whether the channel the operation ran on is unusable afterwards
 * (AMQP closes a channel on every channel-level error); a resource adapter uses it to drop the pooled
 * connection.
 */
public class BrokerException extends WarrenException {
    private static final long serialVersionUID = 1L;

    private final int replyCode;
    private final boolean channelClosed;
    private final boolean connectionLost;

    /**
     * @param message what failed, on which entity, and the fix
     * @param replyCode the AMQP reply code, or 0
     * @param channelClosed whether the channel can no longer be used
     * @param cause the client exception
     */
    public BrokerException(String message, int replyCode, boolean channelClosed, Throwable cause) {
        this(message, replyCode, channelClosed, false, cause);
    }

    /**
     * @param message what failed, on which entity, and the fix
     * @param replyCode the AMQP reply code, or 0
     * @param channelClosed whether the channel can no longer be used
     * @param connectionLost whether the connection itself failed (worth retrying once it recovers)
     * @param cause the client exception
     */
    public BrokerException(String message, int replyCode, boolean channelClosed, boolean connectionLost,
                           Throwable cause) {
        super(message, cause);
        this.replyCode = replyCode;
        this.channelClosed = channelClosed || connectionLost;
        this.connectionLost = connectionLost;
    }

    /**
     * @return true when the connection failed (I/O error, broker shutdown, heartbeat loss) rather than the
     *         broker refusing the operation; such failures are retried by a {@link RetryPolicy}
     */
    public boolean connectionLost() {
        return connectionLost;
    }

    /** @return the AMQP reply code (404, 406, 403, 405, 320 …), or 0 when there was no broker reply */
    public int replyCode() {
        return replyCode;
    }

    /** @return true when the channel (or the whole connection) is closed and must be replaced */
    public boolean channelClosed() {
        return channelClosed;
    }
}
