package dev.warren.jca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python → Java: a real Celery 5.2 client (Debian's python3-celery, {@code src/test/python/warren_celery_client.py})
 * calls tasks that a Warren activation with {@code protocol=celery} serves from a {@link CeleryTaskListener} bean —
 * the adapter without a container (a WorkManager on an executor, endpoints from a test factory), the real broker.
 */
class CeleryServingIT {
    private static final String URI = System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    private static final String PYTHON = System.getProperty("warren.test.celery.python", "/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String QUEUE = "warren.celery.serving." + UUID.randomUUID().toString().substring(0, 8);
    static final String DLQ = QUEUE + ".dead";

    static ExecutorService pool;
    static WarrenResourceAdapter ra;
    static TasksFactory factory;
    static WarrenActivationSpec spec;
    static Connection probe;

    @BeforeAll
    static void activate() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(URI);
        probe = cf.newConnection("warren-celery-serving-probe");
        try (Channel ch = probe.createChannel()) {
            ch.queueDeclare(DLQ, false, false, false, null);
        }
        pool = Executors.newCachedThreadPool();
        ra = new WarrenResourceAdapter();
        ra.setUri(URI);
        ra.setConnectionName("warren-celery-serving-it");
        ra.start(new ExecutorBootstrapContext(pool));
        spec = new WarrenActivationSpec();
        spec.setQueue(QUEUE);
        spec.setExchange(QUEUE);
        spec.setRoutingKey(QUEUE);
        spec.setProtocol("celery");
        spec.setCeleryTasks("java.add, java.mul, java.greet, java.fail, java.now");
        spec.setConcurrency(2);
        spec.setFailurePolicy("dead-letter");
        spec.setMaxRedeliveries(0);
        spec.setDeadLetterExchange("");
        spec.setDeadLetterRoutingKey(DLQ);
        spec.setResourceAdapter(ra);
        spec.validate();
        factory = new TasksFactory();
        ra.endpointActivation(factory, spec);
    }

    @AfterAll
    static void deactivate() throws Exception {
        try {
            if (ra != null) {
                ra.endpointDeactivation(factory, spec);
                ra.stop();
            }
            if (pool != null) {
                pool.shutdownNow();
            }
        } finally {
            if (probe != null) {
                for (String q : List.of(QUEUE, DLQ)) {
                    try (Channel ch = probe.createChannel()) {
                        ch.queueDelete(q);
                    }
                }
                for (long ttl = 1; ttl <= 1L << 12; ttl <<= 1) { // the delay queues a 1.5 s countdown may use
                    try (Channel ch = probe.createChannel()) {
                        ch.queueDelete(QUEUE + ".warren.eta." + ttl);
                    }
                }
                try (Channel ch = probe.createChannel()) {
                    ch.exchangeDelete(QUEUE);
                }
                probe.close();
            }
        }
    }

    /** Runs one scenario of the Python client and returns its "result". */
    static JsonNode python(String scenario) throws Exception {
        Path script = Paths.get("src/test/python/warren_celery_client.py").toAbsolutePath();
        Path dir = Files.createTempDirectory("warren-celery-client-");
        try {
            Path out = dir.resolve("out.json");
            Path err = dir.resolve("err.txt");
            String broker = URI.replaceFirst("^amqp://", "pyamqp://").replace("/%2F", "//");
            Process p = new ProcessBuilder(PYTHON, script.toString(), broker, QUEUE, scenario).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("Python client '" + scenario + "' hung; stderr: " + Files.readString(err));
            }
            String stdout = Files.readString(out);
            assertEquals(0, p.exitValue(), "Python client '" + scenario + "' failed: " + stdout + "\n"
                    + Files.readString(err) + "\nFix: deployment/scripts/ensure-python-celery.sh");
            return JSON.readTree(stdout).get("result");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void pythonGetsTheSum() throws Exception {
        assertEquals(5, python("add").asInt());
    }

    @Test
    void kwargsReachTheBean() throws Exception {
        assertEquals("Hi, Ada!", python("kwargs").asText());
    }

    @Test
    void aBeanExceptionReachesPythonAsTheException() throws Exception {
        JsonNode r = python("fail");
        assertEquals("IllegalStateException", r.get("type").asText(), r.toString());
        assertEquals("boom from python", r.get("message").asText(), r.toString());
        assertTrue(r.get("is_exception").asBoolean());
        assertEquals("FAILURE", r.get("state").asText());
        assertTrue(r.get("traceback").asText().contains("java.lang.IllegalStateException: boom from python"),
                r.get("traceback").asText());
    }

    @Test
    void aProtocolV1MessageIsServed() throws Exception {
        // the client runs with task_protocol = 1: no 'task' header, the body is {"task", "id", "args", "kwargs", …}
        assertEquals(5, python("v1").asInt());
    }

    @Test
    void aChainRunsThroughTheEmbedsChain() throws Exception {
        assertEquals(20, python("chain").asInt(), "(2 + 3) * 4");
    }

    @Test
    void countdownIsHonouredWithoutHoldingAThread() throws Exception {
        JsonNode r = python("countdown");
        double waited = r.get("ran").asDouble() - r.get("sent").asDouble();
        java.util.logging.Logger.getLogger(CeleryServingIT.class.getName()).info(String.format(
                "countdown 1.5 s: the bean ran %.3f s after Python sent the task (delay queues)", waited));
        assertTrue(waited >= 1.5 - 0.01, "ran " + waited + " s after sending, want >= 1.5 s");
        assertTrue(waited < 5, "ran " + waited + " s after sending");
    }

    @Test
    void anExpiredTaskIsRevokedAsCeleryDoes() throws Exception {
        JsonNode r = python("expired");
        assertEquals("REVOKED", r.get("state").asText(), r.toString());
        assertEquals("TaskRevokedError", r.get("type").asText(), r.toString());
        assertEquals("expired", r.get("message").asText(), r.toString());
    }

    @Test
    void anUnknownTaskTakesTheFailurePolicyNamingTheKnownOnes() throws Exception {
        assertEquals("sent", python("unknown").asText());
        GetResponse dead = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Channel ch = probe.createChannel()) {
            while (dead == null && System.nanoTime() < deadline) {
                dead = ch.basicGet(DLQ, true);
                if (dead == null) {
                    Thread.sleep(20);
                }
            }
        }
        assertNotNull(dead, "the unknown task was dead-lettered to " + DLQ);
        String why = String.valueOf(dead.getProps().getHeaders().get("x-warren-exception-message"));
        assertTrue(why.contains("'java.nope'") && why.contains("java.add") && why.contains("celeryTasks"), why);
        assertEquals("java.nope", String.valueOf(dead.getProps().getHeaders().get("task")));
    }

    /** The bean: java.add, java.mul, java.greet, java.fail, java.now. */
    static final class TasksEndpoint implements MessageEndpoint, CeleryTaskListener {
        @Override
        public Object call(String task, List<Object> args, Map<String, Object> kwargs) {
            return switch (task) {
                case "java.add" -> ((Number) args.get(0)).longValue() + ((Number) args.get(1)).longValue();
                case "java.mul" -> ((Number) args.get(0)).longValue() * ((Number) args.get(1)).longValue();
                case "java.greet" -> kwargs.getOrDefault("greeting", "Hello") + ", "
                        + (args.isEmpty() ? kwargs.get("name") : args.get(0)) + "!";
                case "java.fail" -> throw new IllegalStateException(String.valueOf(args.get(0)));
                case "java.now" -> System.currentTimeMillis() / 1000.0;
                default -> throw new AssertionError("the adapter passed an unserved task " + task);
            };
        }

        @Override
        public void beforeDelivery(Method method) {
        }

        @Override
        public void afterDelivery() {
        }

        @Override
        public void release() {
        }
    }

    static final class TasksFactory extends TestEndpointFactory {
        TasksFactory() {
            super("celery-serving-it", TasksEndpoint.class);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return new TasksEndpoint();
        }
    }
}
