package dev.warren;

/**
 * Root of every exception Warren throws. Unchecked, like kombu's {@code KombuError}.
 *
 * <p>Every message names the entity involved (exchange, queue, message), the offending value and, where
 * there is one, the fix. Exceptions raised by the RabbitMQ client are translated into subclasses of this
 * type in exactly one place ({@code dev.warren.amqp.Errors}); the original is kept as the cause.
 */
public class WarrenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, on which entity, and how to fix it */
    public WarrenException(String message) {
        super(message);
    }

    /**
     * @param message what failed, on which entity, and how to fix it
     * @param cause the underlying failure
     */
    public WarrenException(String message, Throwable cause) {
        super(message, cause);
    }
}
