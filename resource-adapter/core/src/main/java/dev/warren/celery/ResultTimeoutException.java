package dev.warren.celery;

/** No final result arrived within the time given to {@link AsyncResult#get(java.time.Duration)} (Celery's TimeoutError). */
public class ResultTimeoutException extends CeleryException {
    private static final long serialVersionUID = 1L;

    /** @param message the task, the wait and the fix */
    public ResultTimeoutException(String message) {
        super(message);
    }
}
