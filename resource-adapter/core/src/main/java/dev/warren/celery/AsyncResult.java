package dev.warren.celery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The pending result of one task sent by a {@link CeleryClient}, filled from the {@code rpc://} result backend:
 * Celery's {@code AsyncResult}. States arrive as the worker sends them (custom and {@code RETRY} states update
 * {@link #status()}; {@code SUCCESS}, {@code FAILURE} and {@code REVOKED} are final).
 *
 * <p>Threading: thread-safe. Replies are applied on the client's consumer thread; any number of threads may call
 * {@link #get(Duration)}, {@link #status()} and {@link #ready()} concurrently.
 */
public final class AsyncResult {
    private final String id;
    private final String task;
    private final boolean ignored;
    private final Runnable forget;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile String status = TaskStates.PENDING;
    private volatile Object result;
    private volatile String traceback;
    private volatile RuntimeException failure;

    AsyncResult(String id, String task, boolean ignored, Runnable forget) {
        this.id = id;
        this.task = task;
        this.ignored = ignored;
        this.forget = forget;
    }

    /** @return the task id */
    public String id() {
        return id;
    }

    /** @return the task name */
    public String task() {
        return task;
    }

    /** @return the latest state received: {@code PENDING} until the worker reports one (see {@link TaskStates}) */
    public String status() {
        return status;
    }

    /** @return whether a final state arrived ({@code SUCCESS}, {@code FAILURE}, {@code REVOKED}) */
    public boolean ready() {
        return done.getCount() == 0;
    }

    /** @return whether the task succeeded (false while pending) */
    public boolean successful() {
        return ready() && TaskStates.SUCCESS.equals(status) && failure == null;
    }

    /** @return the latest result or state meta received (null while pending), without raising for failures */
    public Object info() {
        return result;
    }

    /** @return the worker's traceback for a failure, or null */
    public String traceback() {
        return traceback;
    }

    /**
     * Waits for the final state and returns the task's return value.
     *
     * @param timeout how long to wait
     * @return the value the task returned, decoded as plain values (maps, lists, strings, numbers, booleans, null)
     * @throws TaskFailedException when the task raised (type, message and traceback from the worker)
     * @throws TaskRevokedException when it was revoked or discarded as expired
     * @throws ResultTimeoutException when no final state came within {@code timeout}
     * @throws CeleryException when the task was sent with {@code ignoreResult}, or its result could not be decoded
     * @throws dev.warren.WarrenException (an unchecked wrapper) when the waiting thread is interrupted; the
     *         interrupt flag stays set
     */
    public Object get(Duration timeout) {
        if (ignored) {
            throw new CeleryException("Task " + task + "[" + id + "] was sent with ignoreResult: the worker sends no"
                    + " result for it. Fix: send it without ignoreResult to wait for its result.");
        }
        try {
            if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ResultTimeoutException("No result for task " + task + "[" + id + "] within " + timeout
                        + " (state " + status + "). Fix: check a worker consumes the task's queue and registers "
                        + task + ", or wait longer.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CeleryException("Interrupted while waiting for task " + task + "[" + id + "]", e);
        }
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        return result;
    }

    /** Stops tracking this result: a reply arriving later is dropped. */
    public void forget() {
        forget.run();
    }

    /** Applies one reply from the result backend; called by the client's consumer thread. */
    void apply(Map<?, ?> meta) {
        Object s = meta.get("status");
        String state = s == null ? TaskStates.PENDING : s.toString();
        Object value = meta.get("result");
        Object tb = meta.get("traceback");
        traceback = tb == null ? null : tb.toString();
        result = value;
        if (TaskStates.FAILURE.equals(state) || TaskStates.REVOKED.equals(state)) {
            failure = exception(state, value);
        }
        status = state;
        if (TaskStates.READY.contains(state)) {
            done.countDown();
        }
    }

    /** Completes this result with an error that is not the task's (e.g. an undecodable reply). */
    void fail(RuntimeException error) {
        failure = error;
        status = TaskStates.FAILURE;
        done.countDown();
    }

    private TaskFailedException exception(String state, Object value) {
        String type = "Exception";
        String module = null;
        String message = value == null ? null : String.valueOf(value);
        if (value instanceof Map<?, ?> m && m.containsKey("exc_type")) {
            type = String.valueOf(m.get("exc_type"));
            module = m.get("exc_module") == null ? null : m.get("exc_module").toString();
            message = excMessage(m.get("exc_message"));
        }
        if (TaskStates.REVOKED.equals(state)) {
            return new TaskRevokedException(task, id, type, module, message);
        }
        return new TaskFailedException(task, id, state, type, module, message, traceback);
    }

    /** Celery sends the exception's {@code args}: one argument is the message, several are shown as a tuple. */
    private static String excMessage(Object v) {
        if (v instanceof List<?> l) {
            return l.size() == 1 ? String.valueOf(l.get(0)) : PyRepr.args(l);
        }
        return v == null ? null : v.toString();
    }

    @Override
    public String toString() {
        return "AsyncResult[" + task + "[" + id + "] " + status + "]";
    }
}
