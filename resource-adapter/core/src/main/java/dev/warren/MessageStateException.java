package dev.warren;

/**
 * A message was acknowledged, rejected or requeued when its state does not allow it: it was already
 * settled, or it was delivered in no-ack mode. The message names the delivery tag and the current state.
 */
public class MessageStateException extends WarrenException {
    private static final long serialVersionUID = 1L;

    /** @param message which message, which operation, which state, and what to do instead */
    public MessageStateException(String message) {
        super(message);
    }
}
