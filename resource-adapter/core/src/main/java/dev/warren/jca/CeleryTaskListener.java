package dev.warren.jca;

import java.util.List;
import java.util.Map;

/**
 * The message listener interface of message-driven beans that serve Celery tasks (activation property
 * {@code protocol=celery}, the served names in {@code celeryTasks}): Warren reads Celery's task protocol (v2 and
 * v1), calls the bean with the task's name, args and kwargs, and publishes the return value or the exception to
 * the caller's {@code rpc://} result queue, as a Celery worker does.
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "protocol", propertyValue = "celery"),
 *     @ActivationConfigProperty(propertyName = "queue", propertyValue = "java-tasks"),
 *     @ActivationConfigProperty(propertyName = "exchange", propertyValue = "java-tasks"),
 *     @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "java-tasks"),
 *     @ActivationConfigProperty(propertyName = "celeryTasks", propertyValue = "java.add, java.mul")})
 * public class JavaTasks implements CeleryTaskListener {
 *     public Object call(String task, List<Object> args, Map<String, Object> kwargs) {
 *         long a = ((Number) args.get(0)).longValue(), b = ((Number) args.get(1)).longValue();
 *         return task.equals("java.add") ? a + b : a * b;
 *     }
 * }
 * }</pre>
 *
 * <p>Threading: as {@link WarrenListener}: WorkManager threads, up to {@code concurrency} calls in parallel.
 *
 * <p>Errors: an exception thrown by the bean is the task's failure: Celery's caller receives it (type = simple
 * class name, module = package, message, the Java stack trace as traceback) and the message is acknowledged. A
 * message that is not a Celery task, or names a task the bean does not serve, takes the failure policy.
 */
public interface CeleryTaskListener {

    /**
     * @param task the task name (one of the activation's {@code celeryTasks})
     * @param args positional arguments (plain values: maps, lists, strings, numbers, booleans, null)
     * @param kwargs keyword arguments
     * @return the result (plain values, records or POJOs that json can carry), or null
     * @throws Exception the task's failure, reported to the caller
     */
    Object call(String task, List<Object> args, Map<String, Object> kwargs) throws Exception;
}
