package dev.warren.sample.tasks;

import dev.warren.jca.CeleryTaskListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

import java.util.List;
import java.util.Map;

/**
 * Celery tasks served by a message-driven bean, for Python to call:
 * <pre>
 * app = Celery(broker='pyamqp://guest:guest@127.0.0.1:5672//', backend='rpc://')
 * app.send_task('java.add', (2, 3), queue='java-tasks').get(timeout=10)      # 5
 * app.send_task('java.divide', (1, 0), queue='java-tasks').get(timeout=10)   # raises ArithmeticException
 * </pre>
 * The activation declares the queue {@code java-tasks} bound to the direct exchange {@code java-tasks} with the same
 * key, which is what Celery declares for {@code queue='java-tasks'}. The resource adapter is named in
 * WEB-INF/glassfish-ejb-jar.xml (Payara) and WEB-INF/jboss-ejb3.xml (WildFly).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "protocol", propertyValue = "celery"),
        @ActivationConfigProperty(propertyName = "celeryTasks", propertyValue = "java.add, java.divide"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = "java-tasks"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = "java-tasks"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = "java-tasks"),
        // a task this bean does not serve is dropped with a log line naming it, not requeued forever
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "reject")})
public class JavaTasks implements CeleryTaskListener {

    @Override
    public Object call(String task, List<Object> args, Map<String, Object> kwargs) {
        long a = number(args, kwargs, 0, "a");
        long b = number(args, kwargs, 1, "b");
        return switch (task) {
            case "java.add" -> a + b;
            case "java.divide" -> a / b; // b = 0 raises ArithmeticException: Python gets it as the task's exception
            default -> throw new IllegalArgumentException("Unknown task " + task);
        };
    }

    private static long number(List<Object> args, Map<String, Object> kwargs, int index, String name) {
        Object v = args.size() > index ? args.get(index) : kwargs.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("Argument " + name + " must be a number, not " + v);
        }
        return n.longValue();
    }
}
