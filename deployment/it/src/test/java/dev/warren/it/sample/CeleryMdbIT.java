package dev.warren.it.sample;

import dev.warren.it.DeploymentsAccess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Celery both ways through the real sample in embedded Payara: Python's Celery 5.2 client calls the sample's
 * {@code JavaTasks} MDB ({@code protocol=celery}, queue java-tasks) — add, kwargs, an exception, a protocol v1
 * message, a chain — and the sample's {@code POST /api/tasks/py.add} sends a task to a real Python worker and
 * returns its result. Needs Debian's python3-celery (deployment/scripts/ensure-python-celery.sh).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class CeleryMdbIT {
    private static final String PYTHON = System.getProperty("warren.test.celery.python", "/usr/bin/python3");
    private static final String URI_AMQP = System.getProperty("warren.test.uri",
            "amqp://guest:guest@127.0.0.1:5672/%2F");
    private static final String BROKER = URI_AMQP.replaceFirst("^amqp://", "pyamqp://").replace("/%2F", "//");
    private static final String WORKER_QUEUE = "warren.it.celery." + UUID.randomUUID().toString().substring(0, 8);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Path dir;
    private static Process worker;

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    @Deployment(name = "resources", order = 2, testable = false)
    public static WebArchive resources() {
        return ShrinkWrap.create(WebArchive.class, "warren-sample-resources.war").addClass(SampleResourcesSetup.class);
    }

    @Deployment(name = "sample", order = 3, testable = false)
    public static WebArchive sample() {
        File f = new File(System.getProperty("warren.sample.file", "target/sample/warren-sample.war"));
        if (!f.isFile()) {
            throw new IllegalStateException("The sample WAR is missing at " + f + ". Fix: build with the reactor"
                    + " (mvn verify -pl deployment/it -am) so ejb-sample is packaged first.");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, f);
    }

    /** One Python worker for the class, in a directory holding only the tasks module. */
    @BeforeAll
    static void startWorker() throws Exception {
        dir = Files.createTempDirectory("warren-celery-it-");
        Files.copy(Paths.get("src/test/python/sample_celery.py"), dir.resolve("sample_celery.py"));
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-m", "celery", "-A", "sample_celery", "worker", "--pool=solo",
                "--concurrency=1", "-Q", WORKER_QUEUE, "-n", WORKER_QUEUE + "@localhost", "--without-mingle",
                "--without-gossip", "--without-heartbeat", "--loglevel=INFO").directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("WARREN_CELERY_BROKER", BROKER);
        pb.environment().put("PYTHONPATH", dir.toString());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        worker = pb.start();
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder output = new StringBuilder();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(worker.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains(" ready.")) {
                        ready.countDown();
                    }
                }
            } catch (Exception e) {
                // the worker is gone
            }
        }, "celery-worker-output");
        pump.setDaemon(true);
        pump.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready.await(100, TimeUnit.MILLISECONDS) && worker.isAlive() && System.nanoTime() < deadline) {
            // waiting for "<name> ready."
        }
        if (ready.getCount() > 0) {
            synchronized (output) {
                throw new IllegalStateException("The Python Celery worker did not start. Fix:"
                        + " deployment/scripts/ensure-python-celery.sh. Output:\n" + output);
            }
        }
    }

    @AfterAll
    static void stopWorker() throws Exception {
        if (worker != null) {
            worker.descendants().forEach(ProcessHandle::destroyForcibly);
            worker.destroyForcibly();
            worker.waitFor(10, TimeUnit.SECONDS);
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try {
            new ProcessBuilder(PYTHON, "-c", "import sys; from kombu import Connection, Exchange, Queue\n"
                    + "with Connection(sys.argv[1]) as c:\n"
                    + "    ch = c.channel(); Queue(sys.argv[2], channel=ch).delete(); Exchange(sys.argv[2], channel=ch)"
                    + ".delete()", BROKER, WORKER_QUEUE).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the queue is durable but uniquely named
        }
    }

    /** Runs the Python client and returns its "result". */
    private static JsonObject python(String scenario) throws Exception {
        Path out = Files.createTempFile("warren-celery-client", ".json");
        try {
            Process p = new ProcessBuilder(PYTHON, Paths.get("src/test/python/sample_celery.py").toAbsolutePath()
                    .toString(), "client", BROKER, scenario).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the Python client '" + scenario + "' hung");
            String text = Files.readString(out);
            assertEquals(0, p.exitValue(), "the Python client '" + scenario + "' failed: " + text);
            try (JsonReader r = Json.createReader(new StringReader(text))) {
                return r.readObject();
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    public void pythonGetsTheSumFromTheMdb() throws Exception {
        assertEquals(5, python("add").getJsonNumber("result").intValue());
    }

    @Test
    public void kwargsReachTheMdb() throws Exception {
        assertEquals(42, python("kwargs").getJsonNumber("result").intValue());
    }

    @Test
    public void aBeanExceptionReachesPythonAsTheException() throws Exception {
        JsonObject r = python("divide_by_zero").getJsonObject("result");
        assertEquals("ArithmeticException", r.getString("type"), r.toString());
        assertEquals("/ by zero", r.getString("message"), r.toString());
        assertEquals("FAILURE", r.getString("state"), r.toString());
        assertTrue(r.getString("traceback").contains("JavaTasks.call"), r.toString());
    }

    @Test
    public void aProtocolV1MessageIsServed() throws Exception {
        assertEquals(21, python("v1").getJsonNumber("result").intValue());
    }

    @Test
    public void aChainOfTwoJavaTasks() throws Exception {
        assertEquals(9, python("chain").getJsonNumber("result").intValue(), "(2 + 3) + 4");
    }

    @Test
    public void theSampleSendsATaskToAPythonWorker() throws Exception {
        String base = null;
        for (String p : new String[]{"warren.it.http.port", "warren.it.http2.port"}) {
            String port = System.getProperty(p);
            if (port == null || port.isBlank()) {
                continue;
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/warren-sample/api")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().startsWith("Warren sample API")) {
                    base = "http://127.0.0.1:" + port + "/warren-sample";
                    break;
                }
            } catch (Exception e) {
                // not this port
            }
        }
        assertTrue(base != null, "the sample answers on none of the reserved ports");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/tasks/py.add?queue="
                        + WORKER_QUEUE + "&wait=20")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\": [2, 3], \"kwargs\": {}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            JsonObject body = reader.readObject();
            assertEquals("SUCCESS", body.getString("status"), r.body());
            assertEquals(5, body.getJsonNumber("result").intValue(), r.body());
        }
    }
}
