package dev.warren.celery;

import dev.warren.DeliveryHandler;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.Queue;
import dev.warren.Session;
import dev.warren.WarrenException;
import dev.warren.serialization.Accept;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends tasks to Celery workers over a Warren {@link Session}, in Celery's task protocol v2, and reads their
 * results from the {@code rpc://} result backend: Celery's {@code app.send_task(name, args, kwargs, **options)}.
 *
 * <pre>{@code
 * try (CeleryClient celery = CeleryClient.open(session)) {
 *     AsyncResult r = celery.send("tasks.add", List.of(2, 3), Map.of());
 *     Object five = r.get(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Results: the client declares one server-named, exclusive, auto-delete reply queue and consumes it (no-ack),
 * matching replies to tasks by correlation id (the task id), as Celery's {@code rpc://} backend does. A task sent
 * with {@code ignoreResult} gets no successful reply (the worker still sends failures; they are logged). Replies
 * for unknown ids are dropped and counted ({@link #unmatchedReplies()}).
 *
 * <p>Queues: when a task is routed by queue name (Celery's automatic route) the client declares the direct
 * exchange and the durable queue a Celery worker declares for {@code -Q name}, once per session, so a task sent
 * before the worker starts waits in its queue; {@link Settings#queueMaxPriority()} must then match the worker's
 * {@code task_queue_max_priority}. With an explicit exchange or routing key nothing is declared.
 *
 * <p>Threading: thread-safe. Sends are serialized on the session (which is single-threaded); replies are read on
 * the session's consumer thread. Close the client before the session; closing cancels the reply consumer and
 * pending results then never complete (their {@code get} times out).
 *
 * <p>Errors: {@link CeleryException} for bad task input, {@link dev.warren.EncodeException} for values the
 * serializer cannot carry, {@link dev.warren.BrokerException}/{@link dev.warren.PublishException} from the broker.
 */
public final class CeleryClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CeleryClient.class.getName());

    /**
     * Client-wide settings.
     *
     * @param resultAccept serializers accepted for results (Celery's {@code result_accept_content}); default json
     *        and msgpack
     * @param origin the sender's node name in the {@code origin} header; default {@code gen<pid>@<host>}
     * @param declareQueues declare the queue and exchange of tasks routed by queue name (default true)
     * @param queueMaxPriority {@code x-max-priority} of declared queues (Celery's {@code task_queue_max_priority}),
     *        or null for none
     */
    public record Settings(Accept resultAccept, String origin, boolean declareQueues, Integer queueMaxPriority) {
        /** Fills the defaults. */
        public Settings {
            resultAccept = resultAccept == null ? Accept.of("json", "msgpack") : resultAccept;
            origin = origin == null || origin.isBlank() ? defaultOrigin() : origin;
            if (queueMaxPriority != null && (queueMaxPriority < 1 || queueMaxPriority > 255)) {
                throw new CeleryException("queueMaxPriority " + queueMaxPriority + " is out of range. Fix: use 1–255"
                        + " (the worker's task_queue_max_priority), or null.");
            }
        }

        /** @return the defaults */
        public static Settings defaults() {
            return new Settings(null, null, true, null);
        }

        /** @param max the queues' x-max-priority @return a copy */
        public Settings withQueueMaxPriority(Integer max) {
            return new Settings(resultAccept, origin, declareQueues, max);
        }

        /** @param accept result serializers accepted @return a copy */
        public Settings withResultAccept(Accept accept) {
            return new Settings(accept, origin, declareQueues, queueMaxPriority);
        }

        /** @param declare whether to declare queues routed by name @return a copy */
        public Settings withDeclareQueues(boolean declare) {
            return new Settings(resultAccept, origin, declare, queueMaxPriority);
        }

        private static String defaultOrigin() {
            String host = System.getenv("HOSTNAME");
            return "gen" + ProcessHandle.current().pid() + "@" + (host == null || host.isBlank() ? "localhost" : host);
        }
    }

    private final Session session;
    private final Settings settings;
    private final Clock clock;
    private final String replyQueue;
    private final String consumerTag;
    private final ConcurrentMap<String, AsyncResult> pending = new ConcurrentHashMap<>();
    private final AtomicLong unmatched = new AtomicLong();
    private final Object sendLock = new Object();
    private volatile boolean closed;

    private CeleryClient(Session session, Settings settings, Clock clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = clock;
        synchronized (sendLock) {
            this.replyQueue = session.declare(Queue.builder("").durable(false).exclusive(true).autoDelete(true)
                    .build()).name();
            this.consumerTag = session.basicConsume(replyQueue, true, settings.resultAccept(), new Replies());
        }
    }

    /**
     * @param session the session to send and receive on (the client does not close it)
     * @return a client with {@link Settings#defaults()}
     * @throws dev.warren.BrokerException when the reply queue cannot be declared or consumed
     */
    public static CeleryClient open(Session session) {
        return open(session, Settings.defaults());
    }

    /**
     * @param session the session to send and receive on (the client does not close it)
     * @param settings client-wide settings
     * @return a client
     * @throws dev.warren.BrokerException when the reply queue cannot be declared or consumed
     */
    public static CeleryClient open(Session session, Settings settings) {
        return new CeleryClient(session, settings, Clock.systemUTC());
    }

    /** @return the reply queue's name (the {@code reply_to} of every task sent) */
    public String replyQueue() {
        return replyQueue;
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /** @return how many replies arrived for no tracked task (ignored or forgotten results) */
    public long unmatchedReplies() {
        return unmatched.get();
    }

    /**
     * Sends a task with Celery's default options.
     *
     * @param task the task name
     * @param args positional arguments
     * @param kwargs keyword arguments
     * @return its pending result
     */
    public AsyncResult send(String task, List<?> args, Map<String, ?> kwargs) {
        return send(task, args, kwargs, TaskOptions.DEFAULTS);
    }

    /**
     * Sends a task (Celery's {@code send_task}).
     *
     * @param task the task name as the worker registers it, e.g. {@code tasks.add}
     * @param args positional arguments (plain values: maps, lists, strings, numbers, booleans, null)
     * @param kwargs keyword arguments
     * @param options routing, timing, serializer and result options
     * @return its pending result
     * @throws CeleryException when the client is closed or the task name is blank
     * @throws dev.warren.EncodeException when the serializer, compression or a value is not supported
     * @throws dev.warren.BrokerException when the broker refuses the declaration or the publish
     */
    public AsyncResult send(String task, List<?> args, Map<String, ?> kwargs, TaskOptions options) {
        Objects.requireNonNull(options, "options");
        if (closed) {
            throw new CeleryException("Cannot send task " + task + ": the Celery client is closed. Fix: open a new"
                    + " one with CeleryClient.open(session).");
        }
        TaskMessage m = TaskMessage.v2(session.codec(), task, args, kwargs, options, replyQueue, settings.origin(),
                clock.instant());
        AsyncResult result = new AsyncResult(m.taskId(), task, options.ignoreResult(), () -> pending.remove(m.taskId()));
        if (!options.ignoreResult()) {
            pending.put(m.taskId(), result);
        }
        try {
            synchronized (sendLock) {
                if (settings.declareQueues() && options.routedByQueue()) {
                    declareRoute(options.queue());
                }
                session.basicPublish(m.exchange(), m.routingKey(), false, m.properties(), m.body(),
                        session.confirmTimeout());
            }
        } catch (RuntimeException e) {
            pending.remove(m.taskId());
            throw e;
        }
        return result;
    }

    private void declareRoute(String queue) {
        Exchange exchange = Exchange.direct(queue);
        Queue.Builder q = Queue.builder(queue).bind(exchange, queue);
        if (settings.queueMaxPriority() != null) {
            q.maxPriority(settings.queueMaxPriority());
        }
        session.declare(q.build());
    }

    /** Cancels the reply consumer and deletes the reply queue; pending results never complete. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (sendLock) {
            if (session.isOpen()) {
                session.basicCancel(consumerTag);
                session.delete(Queue.named(replyQueue));
            }
        }
        pending.clear();
    }

    @Override
    public String toString() {
        return "CeleryClient[replyQueue=" + replyQueue + ", pending=" + pending.size() + "]";
    }

    private final class Replies implements DeliveryHandler {
        @Override
        public void handle(Message message) {
            String id = message.properties().correlationId();
            Map<?, ?> meta;
            try {
                Object body = message.payload();
                if (!(body instanceof Map<?, ?> map)) {
                    throw new CeleryException("A reply on " + replyQueue + " is not a result mapping but "
                            + (body == null ? "null" : body.getClass().getSimpleName()) + ": " + message.describe());
                }
                meta = map;
                if (id == null && map.get("task_id") != null) {
                    id = map.get("task_id").toString();
                }
            } catch (WarrenException e) {
                AsyncResult r = id == null ? null : pending.remove(id);
                if (r != null) {
                    r.fail(new CeleryException("The result of task " + r.task() + "[" + id + "] could not be read: "
                            + e.getMessage() + " Fix: have the worker send results with a serializer in the client's"
                            + " resultAccept " + settings.resultAccept() + ".", e));
                } else {
                    LOG.log(Level.WARNING, "Dropping an unreadable reply on " + replyQueue + ": " + e.getMessage(), e);
                }
                return;
            }
            AsyncResult r = id == null ? null : pending.get(id);
            if (r == null) {
                unmatched.incrementAndGet();
                LOG.log(TaskStates.FAILURE.equals(String.valueOf(meta.get("status"))) ? Level.WARNING : Level.FINE,
                        "Reply for untracked task " + id + " (ignored or forgotten result): status "
                                + meta.get("status") + ", result " + meta.get("result"));
                return;
            }
            r.apply(meta);
            if (r.ready()) {
                pending.remove(id, r);
            }
        }

        @Override
        public void cancelled(String tag) {
            LOG.warning("The broker cancelled the Celery reply consumer on " + replyQueue + "; pending results ("
                    + pending.size() + ") will not complete. Fix: open a new CeleryClient.");
        }
    }
}
