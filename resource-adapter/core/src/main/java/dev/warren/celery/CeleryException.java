package dev.warren.celery;

import dev.warren.WarrenException;

/**
 * Root of the Celery add-on's errors: a task message that cannot be built or read, a result that did not come.
 * Messages name the task, its id and the fix.
 */
public class CeleryException extends WarrenException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, with the task and the fix */
    public CeleryException(String message) {
        super(message);
    }

    /** @param message what failed, with the task and the fix @param cause the cause */
    public CeleryException(String message, Throwable cause) {
        super(message, cause);
    }
}
