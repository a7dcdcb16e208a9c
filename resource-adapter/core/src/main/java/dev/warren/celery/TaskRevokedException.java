package dev.warren.celery;

/**
 * A task ended in Celery's {@code REVOKED} state: revoked by a worker, or discarded because it arrived after its
 * {@code expires} time (reason {@code expired}).
 */
public class TaskRevokedException extends TaskFailedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param taskName the task's name
     * @param taskId the task id
     * @param excType the exception type the worker reported (normally {@code TaskRevokedError})
     * @param excModule its module, or null
     * @param reason the reason, e.g. {@code expired} or {@code revoked}
     */
    public TaskRevokedException(String taskName, String taskId, String excType, String excModule, String reason) {
        super(taskName, taskId, TaskStates.REVOKED, excType, excModule, reason, null);
    }
}
