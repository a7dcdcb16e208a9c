package dev.warren.jca;

import dev.warren.Message;
import dev.warren.Session;
import dev.warren.celery.CeleryException;
import dev.warren.celery.EtaDelay;
import dev.warren.celery.TaskMessage;
import dev.warren.celery.TaskOptions;
import dev.warren.celery.TaskReply;
import dev.warren.celery.TaskRequest;

import jakarta.resource.spi.endpoint.MessageEndpoint;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves Celery tasks for an activation with {@code protocol=celery}: what a Celery worker does around a task, split
 * in the steps the delivery calls. {@link #admit} reads the task message and settles it itself when the task must
 * not run now (eta ahead: deferred through {@link EtaDelay}; expired: revoked; not servable: the failure policy);
 * {@link #call} runs the bean; {@link #finish} publishes the result (or the exception) to {@code reply_to} and
 * sends the next task of a chain.
 *
 * <p>Thread-safe: immutable; every call uses the delivering thread's session.
 */
final class CeleryTasks {
    private static final Logger LOG = Logger.getLogger(CeleryTasks.class.getName());

    /** The listener method, for beforeDelivery and isDeliveryTransacted. */
    static final Method CALL;

    static {
        try {
            CALL = CeleryTaskListener.class.getMethod("call", String.class, List.class, Map.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One admitted task and, once the bean ran, what it did. Used by one delivery thread. */
    static final class Task {
        final TaskRequest request;
        Object value;
        Throwable error;

        Task(TaskRequest request) {
            this.request = request;
        }
    }

    private final Set<String> tasks;
    private final String queue;
    private final String name;
    private final Clock clock;

    /**
     * @param tasks the task names the bean serves
     * @param queue the activation's queue (the delay queues return tasks there)
     * @param name the activation's name for log lines
     * @param clock the clock for eta and expiry
     */
    CeleryTasks(Set<String> tasks, String queue, String name, Clock clock) {
        this.tasks = Set.copyOf(tasks);
        this.queue = queue;
        this.name = name;
        this.clock = clock;
    }

    /**
     * Reads a task message and decides whether it runs now.
     *
     * @param message the delivered message (unsettled)
     * @param session its channel
     * @param failures the activation's failure policy, for a message that is not a Celery task, cannot be decoded,
     *        or names a task the bean does not serve
     * @return the task to run, or null when the message was settled here (deferred to its eta, revoked, or handed
     *         to the failure policy)
     */
    Task admit(Message message, Session session, FailureHandler failures) {
        try {
            TaskRequest request = read(message, session);
            return request == null ? null : new Task(request);
        } catch (RuntimeException e) { // not a task we can run here: the activation's failure policy
            try {
                failures.handle(message, e, session);
            } catch (RuntimeException settle) {
                settle.addSuppressed(e);
                LOG.log(Level.WARNING, "Could not settle " + message.describe() + " for " + name + " (the broker"
                        + " redelivers it when the channel closes): " + settle.getMessage(), settle);
            }
            return null;
        }
    }

    private TaskRequest read(Message message, Session session) {
        TaskRequest request = TaskRequest.from(message);
        if (!tasks.contains(request.task())) {
            throw new CeleryException("Celery task '" + request.task() + "' [" + request.id() + "] is not served by "
                    + name + ", which serves " + new java.util.TreeSet<>(tasks) + ". Fix: add it to the activation"
                    + " property celeryTasks, or route the task to a queue whose worker serves it.");
        }
        Instant now = clock.instant();
        if (request.expires() != null && !now.isBefore(request.expires())) {
            LOG.info(name + ": discarding expired task " + request.task() + "[" + request.id() + "] (expired at "
                    + request.expires() + ")");
            if (request.replyTo() != null) {
                publish(session, TaskReply.revoked(session.codec(), request, "expired", now));
            }
            message.ack();
            return null;
        }
        if (request.eta() != null && now.isBefore(request.eta())) {
            String delay = EtaDelay.defer(session, message, queue, request.eta(), now);
            message.ack();
            LOG.fine(() -> name + ": task " + request.task() + "[" + request.id() + "] waits for its eta "
                    + request.eta() + " in " + delay);
            return null;
        }
        return request;
    }

    /**
     * Calls the bean (the delivery wraps it in beforeDelivery/afterDelivery with {@link #CALL} when the container
     * transacts it). The bean's exception is the task's failure, kept in {@code task}, not the delivery's.
     *
     * @param endpoint the endpoint
     * @param task the admitted task; receives the bean's result or exception
     * @throws CeleryException when the endpoint is not a {@link CeleryTaskListener} (a delivery failure)
     */
    void call(MessageEndpoint endpoint, Task task) {
        if (!(endpoint instanceof CeleryTaskListener bean)) {
            throw new CeleryException(name + " has protocol=celery, but its bean does not implement "
                    + CeleryTaskListener.class.getName() + ". Fix: implement it, or set protocol=kombu.");
        }
        try {
            task.value = bean.call(task.request.task(), task.request.args(), task.request.kwargs());
        } catch (Throwable t) {
            task.error = EndpointDelivery.unwrap(t);
        }
    }

    /**
     * Publishes the task's result to its {@code reply_to} (failures always; successes unless {@code ignore_result})
     * and sends the next task of its chain after a success.
     *
     * @param task the task the bean ran
     * @param session the channel to publish on
     * @return null, or why publishing failed (the caller applies the failure policy: the task may run again)
     */
    Throwable finish(Task task, Session session) {
        try {
            finish(task.request, task.value, task.error, session);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void finish(TaskRequest request, Object value, Throwable error, Session session) {
        Instant now = clock.instant();
        if (error != null) {
            LOG.log(Level.INFO, name + ": task " + request.task() + "[" + request.id() + "] raised "
                    + error, error);
            if (request.replyTo() != null) {
                publish(session, TaskReply.failure(session.codec(), request, error, now));
            }
            return;
        }
        if (request.replyTo() != null && !request.ignoreResult()) {
            TaskReply reply;
            try {
                reply = TaskReply.success(session.codec(), request, value, now);
            } catch (RuntimeException e) {
                reply = TaskReply.failure(session.codec(), request, e, now);
            }
            publish(session, reply);
        }
        if (!request.chain().isEmpty()) {
            sendNext(request, value, session, now);
        }
    }

    /** Celery's chain: the embed's chain holds the remaining signatures, the next one last. */
    private void sendNext(TaskRequest request, Object result, Session session, Instant now) {
        List<Map<String, Object>> rest = new ArrayList<>(request.chain());
        Map<String, Object> next = rest.remove(rest.size() - 1);
        Map<?, ?> options = next.get("options") instanceof Map<?, ?> o ? o : Map.of();
        List<Object> args = new ArrayList<>();
        if (!Boolean.TRUE.equals(next.get("immutable"))) {
            args.add(result);
        }
        if (next.get("args") instanceof List<?> a) {
            args.addAll(a);
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> kwargs = next.get("kwargs") instanceof Map<?, ?> k ? (Map<String, ?>) k : Map.of();
        TaskOptions.Builder b = TaskOptions.builder().parentId(request.id())
                .rootId(request.rootId() != null ? request.rootId() : request.id());
        if (options.get("task_id") != null) {
            b.taskId(options.get("task_id").toString());
        }
        if (options.get("queue") != null) {
            b.queue(options.get("queue").toString());
        }
        if (options.get("exchange") != null) {
            b.exchange(options.get("exchange").toString());
        }
        if (options.get("routing_key") != null) {
            b.routingKey(options.get("routing_key").toString());
        }
        if (options.get("priority") instanceof Number p) {
            b.priority(p.intValue());
        }
        String replyTo = options.get("reply_to") != null ? options.get("reply_to").toString() : request.replyTo();
        TaskMessage m = TaskMessage.v2(session.codec(), String.valueOf(next.get("task")), args, kwargs, b.build(),
                replyTo, name, now, rest);
        session.basicPublish(m.exchange(), m.routingKey(), false, m.properties(), m.body());
    }

    private static void publish(Session session, TaskReply reply) {
        session.basicPublish("", reply.routingKey(), false, reply.properties(), reply.body());
    }
}
