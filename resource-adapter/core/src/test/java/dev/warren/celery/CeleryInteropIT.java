package dev.warren.celery;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.Session;
import dev.warren.amqp.Warren;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java sends tasks, a real Celery 5.2 worker (Debian's python3-celery, one per class, its own queue) runs them, and
 * the results come back over the rpc:// backend: values, kwargs, exceptions, countdown/eta, expiry, serializers,
 * compression, priority, ignore_result, the headers as the worker reads them, and the result timeout. Every test runs
 * inside a trace, so every task message also carries a W3C traceparent header, which the worker must ignore.
 */
class CeleryInteropIT {
    private Scope trace;
    static final Duration WAIT = Duration.ofSeconds(30);
    static CeleryWorker worker;
    static Connection connection;
    static Session session;
    static CeleryClient client;
    static TaskOptions onWorkerQueue;

    static String uri() {
        return System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    }

    @BeforeAll
    static void start() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(uri());
        connection = cf.newConnection("warren-celery-interop");
        session = Warren.open(connection);
        worker = CeleryWorker.start(uri());
        client = CeleryClient.open(session, CeleryClient.Settings.defaults().withQueueMaxPriority(10));
        onWorkerQueue = TaskOptions.builder().queue(worker.queue).build();
    }

    @BeforeEach
    void insideATrace() {
        trace = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent();
    }

    @AfterEach
    void closeTrace() {
        trace.close();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (worker != null) {
                worker.close();
            }
        } finally {
            try {
                if (client != null) {
                    client.close();
                }
                if (connection != null && worker != null) {
                    try (Channel ch = connection.createChannel()) {
                        ch.queueDelete(worker.queue);
                        ch.exchangeDelete(worker.queue);
                    }
                }
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }

    private static String task(String name) {
        return "warren_celery_tasks." + name;
    }

    private static AsyncResult send(String name, List<?> args, Map<String, ?> kwargs) {
        return client.send(task(name), args, kwargs, onWorkerQueue);
    }

    private static AsyncResult send(String name, List<?> args, TaskOptions.Builder options) {
        return client.send(task(name), args, Map.of(), options.queue(worker.queue).build());
    }

    private static void awaitStatus(AsyncResult r, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!status.equals(r.status())) {
            assertTrue(System.nanoTime() < deadline, r + " never reached " + status + "\n" + worker.output());
            Thread.sleep(10);
        }
    }

    @Test
    void addReturnsTheSum() {
        AsyncResult r = send("add", List.of(2, 3), Map.of());
        assertEquals(5, ((Number) r.get(WAIT)).intValue());
        assertTrue(r.ready());
        assertTrue(r.successful());
        assertEquals(TaskStates.SUCCESS, r.status());
    }

    @Test
    void echoRoundTripsEveryJsonType() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", 3.5));
        nested.put("none", null);
        List<Object> args = new ArrayList<>(Arrays.asList(null, true, false, 42, 1L << 40, 3.25, "héllo ✓ \"q\"",
                List.of(), Map.of(), nested));
        Map<String, Object> kwargs = Map.of("k", List.of(Map.of("deep", true)));
        Object got = send("echo", args, kwargs).get(WAIT);
        assertEquals(normal(Map.of("args", args, "kwargs", kwargs)), normal(got));
    }

    @Test
    void kwargsReachTheTask() {
        assertEquals("Hi, Ada!", send("greet", List.of("Ada"), Map.of("greeting", "Hi")).get(WAIT));
        assertEquals("Hello, Bob?", send("greet", List.of(), Map.of("name", "Bob", "punctuation", "?")).get(WAIT));
    }

    @Test
    void anExceptionArrivesWithTypeMessageAndTraceback() {
        AsyncResult r = send("fail", List.of("boom: 42"), Map.of());
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.get(WAIT));
        assertEquals("ValueError", e.excType());
        assertEquals("builtins", e.excModule());
        assertEquals("boom: 42", e.excMessage());
        assertEquals(TaskStates.FAILURE, e.status());
        assertEquals(r.id(), e.taskId());
        assertTrue(e.traceback() != null && e.traceback().contains("raise ValueError(message)")
                && e.traceback().contains("Traceback"), e.traceback());
        assertTrue(e.getMessage().contains("warren_celery_tasks.fail[" + r.id() + "] raised ValueError: boom: 42"),
                e.getMessage());
        assertEquals(TaskStates.FAILURE, r.status());
        assertFalse(r.successful());
    }

    @Test
    void anUnregisteredTaskFailsWithNotRegistered() {
        AsyncResult r = send("no_such_task", List.of(), Map.of());
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.get(WAIT));
        assertEquals("NotRegistered", e.excType(), e.getMessage());
        assertTrue(e.excMessage().contains("warren_celery_tasks.no_such_task"), e.excMessage());
    }

    @Test
    void countdownDelaysExecution() {
        double sent = Instant.now().toEpochMilli() / 1000.0;
        AsyncResult r = send("stamp", List.of(), TaskOptions.builder().countdown(Duration.ofMillis(1500)));
        double ran = ((Number) r.get(WAIT)).doubleValue();
        java.util.logging.Logger.getLogger(CeleryInteropIT.class.getName()).info(String.format(
                "countdown 1.5 s: the worker ran the task %.3f s after Java sent it", ran - sent));
        assertTrue(ran >= sent + 1.5 - 0.01, "ran " + (ran - sent) + " s after sending, want >= 1.5 s");
    }

    @Test
    void etaDelaysExecution() {
        Instant eta = Instant.now().plusMillis(1500);
        AsyncResult r = send("stamp", List.of(), TaskOptions.builder().eta(eta));
        double ran = ((Number) r.get(WAIT)).doubleValue();
        assertTrue(ran >= eta.toEpochMilli() / 1000.0 - 0.01, "ran at " + ran + ", eta " + eta);
    }

    @Test
    void anExpiredTaskIsRevoked() throws Exception {
        AsyncResult blocker = send("sleep", List.of(1.0), Map.of());
        awaitStatus(blocker, TaskStates.STARTED);
        AsyncResult r = send("add", List.of(1, 1), TaskOptions.builder().expiresIn(Duration.ofMillis(200)));
        TaskRevokedException e = assertThrows(TaskRevokedException.class, () -> r.get(WAIT));
        assertEquals(TaskStates.REVOKED, r.status());
        assertEquals("TaskRevokedError", e.excType());
        assertEquals("expired", e.excMessage());
        assertEquals(1.0, ((Number) blocker.get(WAIT)).doubleValue());
        // a task whose expiry is still ahead runs
        assertEquals(2, ((Number) send("add", List.of(1, 1), TaskOptions.builder().expiresIn(Duration.ofMinutes(1)))
                .get(WAIT)).intValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack", "yaml", "pickle"})
    void everySerializerTheWorkerAccepts(String serializer) {
        List<Object> args = List.of(7, "sept", List.of(1, 2), Map.of("a", 1.5));
        AsyncResult r = client.send(task("echo"), args, Map.of("via", serializer),
                onWorkerQueue.toBuilder().serializer(serializer).build());
        assertEquals(normal(Map.of("args", args, "kwargs", Map.of("via", serializer))), normal(r.get(WAIT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "bzip2"})
    void compressedBodies(String compression) {
        AsyncResult r = client.send(task("add"), List.of(20, 22), Map.of(),
                onWorkerQueue.toBuilder().compression(compression).build());
        assertEquals(42, ((Number) r.get(WAIT)).intValue());
    }

    @Test
    void higherPriorityRunsFirst() throws Exception {
        AsyncResult blocker = send("sleep", List.of(1.0), Map.of());
        awaitStatus(blocker, TaskStates.STARTED);
        AsyncResult low = send("order", List.of("low"), TaskOptions.builder().priority(1));
        AsyncResult high = send("order", List.of("high"), TaskOptions.builder().priority(9));
        long lowRank = ((Number) ((List<?>) low.get(WAIT)).get(1)).longValue();
        long highRank = ((Number) ((List<?>) high.get(WAIT)).get(1)).longValue();
        assertTrue(highRank < lowRank, "high ran #" + highRank + ", low ran #" + lowRank);
    }

    @Test
    void ignoreResultSendsNoReply() {
        long before = client.unmatchedReplies();
        AsyncResult ignored = send("add", List.of(1, 2), TaskOptions.builder().ignoreResult(true));
        // the worker runs tasks one at a time in order: once the next one answered, the ignored one ran
        assertEquals(4, ((Number) send("add", List.of(2, 2), Map.of()).get(WAIT)).intValue());
        // Celery 5.2 still sends the STARTED state (the worker tracks started tasks) but no SUCCESS result
        assertEquals(before + 1, client.unmatchedReplies(), "replies for the ignored task: STARTED only");
        assertFalse(ignored.ready());
        assertThrows(CeleryException.class, () -> ignored.get(Duration.ofMillis(10)));
    }

    @Test
    void theWorkerReadsHeadersAsSent() {
        AsyncResult r = send("request_info", List.of(), TaskOptions.builder().retries(2).priority(5)
                .timeLimit(Duration.ofSeconds(30)).softTimeLimit(Duration.ofMillis(20500)));
        Map<?, ?> info = (Map<?, ?>) r.get(WAIT);
        assertEquals(r.id(), info.get("id"));
        assertEquals(r.id(), info.get("root_id"));
        assertNull(info.get("parent_id"));
        assertEquals(2, ((Number) info.get("retries")).intValue());
        assertEquals(List.of(30.0, 20.5), ((List<?>) info.get("timelimit")).stream()
                .map(n -> ((Number) n).doubleValue()).toList(), "timelimit is [hard, soft]");
        assertEquals(5, ((Number) info.get("priority")).intValue());
        assertEquals(worker.queue, info.get("routing_key"));
        assertEquals(client.settings().origin(), info.get("origin"));
    }

    @Test
    void noWorkerMeansAResultTimeout() throws Exception {
        String nobody = "warren.celery.nobody." + UUID.randomUUID().toString().substring(0, 8);
        try {
            AsyncResult r = client.send(task("add"), List.of(1, 2), Map.of(), TaskOptions.builder().queue(nobody)
                    .build());
            ResultTimeoutException e = assertThrows(ResultTimeoutException.class,
                    () -> r.get(Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains(r.id()), e.getMessage());
            assertEquals(TaskStates.PENDING, r.status());
            r.forget();
        } finally {
            try (Channel ch = connection.createChannel()) {
                ch.queueDelete(nobody);
                ch.exchangeDelete(nobody);
            }
        }
    }

    /** Numbers compared by value (json gives Integer/Long/Double). */
    static Object normal(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normal(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normal(x)));
            return out;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) ? (Object) n.longValue() : (Object) d;
        }
        return v;
    }
}
