package dev.warren.celery;

/**
 * A task ended in Celery's {@code FAILURE} state: the worker's exception, as the {@code rpc://} result backend
 * sent it ({@code {"exc_type", "exc_message", "exc_module"}} and the formatted Python traceback).
 */
public class TaskFailedException extends CeleryException {
    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final String status;
    private final String excType;
    private final String excModule;
    private final String excMessage;
    private final String remoteTraceback;

    /**
     * @param taskName the task's name (as sent), for the message
     * @param taskId the task id
     * @param status the final state ({@code FAILURE} or {@code REVOKED})
     * @param excType the Python exception class name, e.g. {@code ValueError}
     * @param excModule the Python module of the exception class, e.g. {@code builtins}, or null
     * @param excMessage the exception's message (its {@code args}, joined), or null
     * @param traceback the worker's formatted traceback, or null
     */
    public TaskFailedException(String taskName, String taskId, String status, String excType, String excModule,
                               String excMessage, String traceback) {
        super("Task " + taskName + "[" + taskId + "] " + (TaskStates.REVOKED.equals(status) ? "was revoked: "
                : "raised ") + qualified(excModule, excType) + (excMessage == null ? "" : ": " + excMessage));
        this.taskId = taskId;
        this.status = status;
        this.excType = excType;
        this.excModule = excModule;
        this.excMessage = excMessage;
        this.remoteTraceback = traceback;
    }

    private static String qualified(String module, String type) {
        return module == null || module.isEmpty() || "builtins".equals(module) ? type : module + "." + type;
    }

    /** @return the task id */
    public String taskId() {
        return taskId;
    }

    /** @return the final state, {@code FAILURE} or {@code REVOKED} */
    public String status() {
        return status;
    }

    /** @return the Python exception class name, e.g. {@code ValueError} */
    public String excType() {
        return excType;
    }

    /** @return the Python module of the exception class, or null */
    public String excModule() {
        return excModule;
    }

    /** @return the exception message as the worker sent it, or null */
    public String excMessage() {
        return excMessage;
    }

    /** @return the worker's formatted Python traceback, or null when it sent none */
    public String traceback() {
        return remoteTraceback;
    }
}
