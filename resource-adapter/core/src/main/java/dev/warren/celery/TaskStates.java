package dev.warren.celery;

import java.util.Set;

/** Celery's task states ({@code celery.states}), as the result backend sends them. Tasks may also send custom states. */
public final class TaskStates {
    /** Unknown to the client so far: sent, no state received. */
    public static final String PENDING = "PENDING";
    /** Received by a worker. */
    public static final String RECEIVED = "RECEIVED";
    /** Started (only sent when the task tracks it). */
    public static final String STARTED = "STARTED";
    /** Failed and scheduled for a retry. */
    public static final String RETRY = "RETRY";
    /** Raised an exception. */
    public static final String FAILURE = "FAILURE";
    /** Returned a value. */
    public static final String SUCCESS = "SUCCESS";
    /** Revoked, or discarded as expired. */
    public static final String REVOKED = "REVOKED";
    /** The states after which nothing more comes for a task. */
    public static final Set<String> READY = Set.of(SUCCESS, FAILURE, REVOKED);

    private TaskStates() {
    }
}
