package dev.warren;

/**
 * A publish with publisher confirms did not get the broker's confirmation: the broker nacked it, the
 * confirmation did not arrive in time, or a mandatory message was returned as unroutable. The message
 * names the exchange, routing key and message id, and the fix.
 */
public class PublishException extends WarrenException {
    private static final long serialVersionUID = 1L;

    /** Why the publish was not confirmed. */
    public enum Reason {
        /** the broker answered basic.nack (internal error, or a queue's overflow policy rejected it) */
        NACKED,
        /** no confirmation within the timeout; the broker may still have the message */
        TIMED_OUT,
        /** mandatory and no queue was bound for the routing key */
        UNROUTABLE
    }

    private final Reason reason;

    /** @param reason why @param message the details and the fix @param cause the client exception, or null */
    public PublishException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why the publish was not confirmed */
    public Reason reason() {
        return reason;
    }
}
