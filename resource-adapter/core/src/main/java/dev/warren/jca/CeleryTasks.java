package dev.warren.jca;

import dev.warren.Message;
import dev.warren.Session;
import dev.warren.celery.CeleryException;
import dev.warren.celery.EtaDelay;
import dev.warren.celery.TaskMessage;
import dev.warren.celery.TaskOptions;
import dev.warren.celery.TaskReply;
import dev.warren.celery.TaskRequest;

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
 * not run now (eta ahead: deferred through {@link EtaDelay}; expired: revoked); {@link #call} runs the bean;
 * {@link #finish} publishes the result (or the exception) to {@code reply_to} and sends the next task of a chain.
 *
 * <p>Thread-safe: immutable; every call uses the delivering thread's session.
 */
final class CeleryTasks {
    private static final Logger LOG = Logger.getLogger(CeleryTasks.class.getName());

    /** What the bean did: returned {@code value}, or threw {@code error}. */
    record Outcome(Object value, Throwable error) {
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
     * @return the request to run, or null when the message was settled here (deferred to its eta, or revoked)
     * @throws CeleryException when it is not a Celery task message or names a task the bean does not serve (the
     *         caller applies the failure policy)
     * @throws dev.warren.DecodeException when the body cannot be decoded (failure policy)
     */
    TaskRequest admit(Message message, Session session) {
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
     * Calls the bean. Its exception is the task's failure, not the delivery's.
     *
     * @param bean the endpoint
     * @param request the task
     * @return what the bean did
     */
    Outcome call(CeleryTaskListener bean, TaskRequest request) {
        try {
            return new Outcome(bean.call(request.task(), request.args(), request.kwargs()), null);
        } catch (Throwable t) {
            return new Outcome(null, EndpointDelivery.unwrap(t));
        }
    }

    /**
     * Publishes the task's result to its {@code reply_to} (failures always; successes unless {@code ignore_result})
     * and sends the next task of its chain after a success.
     *
     * @param request the task
     * @param outcome what the bean did
     * @param session the channel to publish on
     * @throws dev.warren.BrokerException when publishing fails (the caller applies the failure policy: the task
     *         may run again)
     */
    void finish(TaskRequest request, Outcome outcome, Session session) {
        Instant now = clock.instant();
        if (outcome.error() != null) {
            LOG.log(Level.INFO, name + ": task " + request.task() + "[" + request.id() + "] raised "
                    + outcome.error(), outcome.error());
            if (request.replyTo() != null) {
                publish(session, TaskReply.failure(session.codec(), request, outcome.error(), now));
            }
            return;
        }
        if (request.replyTo() != null && !request.ignoreResult()) {
            TaskReply reply;
            try {
                reply = TaskReply.success(session.codec(), request, outcome.value(), now);
            } catch (RuntimeException e) {
                reply = TaskReply.failure(session.codec(), request, e, now);
            }
            publish(session, reply);
        }
        if (!request.chain().isEmpty()) {
            sendNext(request, outcome.value(), session, now);
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
