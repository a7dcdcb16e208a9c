package dev.warren.it.sample;

import dev.warren.it.DeploymentsAccess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real sample application (ejb-sample's packaged warren-sample.war, unchanged) in embedded Payara next to
 * the real warren.rar, against the real broker, driven through its HTTP API like a user with curl. The JNDI
 * resources it needs are created as a deployer would, with the asadmin recipe of docs/sample-and-demo.md run
 * through embedded Payara's CommandRunner ({@link SampleResourcesSetup}, deployed between the rar and the WAR).
 * Every message carries this run's id, so leftovers in the durable queues from earlier runs never count.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SampleIT {
    private static final Logger LOG = Logger.getLogger(SampleIT.class.getName());
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36) + "-" + ProcessHandle.current().pid();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ByteArrayOutputStream STDOUT = new ByteArrayOutputStream();
    private static PrintStream originalOut;

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    /** The deployer's part: the asadmin recipe, run when this WAR starts (the rar is deployed by then). */
    @Deployment(name = "resources", order = 2, testable = false)
    public static WebArchive resources() {
        return ShrinkWrap.create(WebArchive.class, "warren-sample-resources.war").addClass(SampleResourcesSetup.class);
    }

    /** The sample exactly as ejb-sample packages it (context root warren-sample). */
    @Deployment(name = "sample", order = 3, testable = false)
    public static WebArchive sample() {
        File f = new File(System.getProperty("warren.sample.file", "target/sample/warren-sample.war"));
        if (!f.isFile()) {
            throw new IllegalStateException("The sample WAR is missing at " + f + ". Fix: build with the reactor"
                    + " (mvn verify -pl deployment/it -am) so ejb-sample is packaged first.");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, f);
    }

    /** The MDBs print with System.out.println: keep a copy of what is printed while the tests run. */
    @BeforeAll
    static void captureStdout() {
        originalOut = System.out;
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                originalOut.write(b);
                synchronized (STDOUT) {
                    STDOUT.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                originalOut.write(b, off, len);
                synchronized (STDOUT) {
                    STDOUT.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                originalOut.flush();
            }
        }, true, StandardCharsets.UTF_8);
        System.setOut(tee);
    }

    @AfterAll
    static void restoreStdout() {
        if (originalOut != null) {
            System.setOut(originalOut);
        }
    }

    @Test
    @Order(1)
    public void feedImportIsPublishedByTheStatelessBeanAndProcessedByFeedImporter() throws Exception {
        String url = "http://cnn.com/rss/edition.rss?run=" + RUN;
        HttpResponse<String> r = post("/api/feeds?url=" + enc(url), HttpRequest.BodyPublishers.noBody(), null);
        assertEquals(202, r.statusCode(), r.body());

        JsonObject seen = awaitProcessed("feed", e -> e.containsKey("body") && e.get("body") instanceof JsonObject b
                && url.equals(b.getString("import_feed", null)));
        assertEquals("feed", seen.getString("exchange"));
        assertEquals("importer", seen.getString("routingKey"));
        assertEquals("application/json", seen.getString("contentType"), "the factory's defaultSerializer (json)");
        assertTrue(awaitStdout("Got feed import message for: " + url), "FeedImporter printed the kombu line");
    }

    @Test
    @Order(2)
    public void mediaInEverySerializerAndRawBytesReachTheTwoMediaConsumerActivations() throws Exception {
        String avi1 = "/tmp/lolcat1-" + RUN + ".avi";
        String avi2 = "/tmp/lolcat2-" + RUN + ".avi";
        String jpg = "/tmp/lolcat-" + RUN + ".jpg";
        assertEquals(202, post("/api/media/video?name=" + enc(avi1) + "&size=1301013", HttpRequest.BodyPublishers.noBody(),
                null).statusCode());
        assertEquals(202, post("/api/media/video?name=" + enc(avi2) + "&size=2093002&serializer=yaml",
                HttpRequest.BodyPublishers.noBody(), null).statusCode());
        assertEquals(202, post("/api/media/image?name=" + enc(jpg) + "&size=740&serializer=msgpack",
                HttpRequest.BodyPublishers.noBody(), null).statusCode());

        byte[] image = jpegForThisRun();
        String sha = sha256(image);
        HttpResponse<String> raw = post("/api/media/image/raw", HttpRequest.BodyPublishers.ofByteArray(image), "image/jpeg");
        assertEquals(202, raw.statusCode(), raw.body());
        JsonObject published = json(raw.body()).asJsonObject().getJsonObject("published");
        assertEquals(sha, published.getString("sha256"), "the HTTP endpoint received the bytes untouched");
        assertEquals(image.length, published.getInt("bytes"));

        JsonObject v1 = awaitProcessed("video", named(avi1));
        assertEquals("application/json", v1.getString("contentType"), "json by default");
        assertEquals(1301013, v1.getJsonObject("body").getJsonNumber("size").longValue());
        assertEquals("media", v1.getString("exchange"));
        assertEquals("video", v1.getString("routingKey"));

        JsonObject v2 = awaitProcessed("video", named(avi2));
        assertEquals("application/x-yaml", v2.getString("contentType"), "yaml chosen per message");
        assertEquals(2093002, v2.getJsonObject("body").getJsonNumber("size").longValue());

        JsonObject i1 = awaitProcessed("image", named(jpg));
        assertEquals("application/x-msgpack", i1.getString("contentType"), "msgpack chosen per message");
        assertEquals(740, i1.getJsonObject("body").getJsonNumber("size").longValue());
        assertEquals("image", i1.getString("routingKey"));

        JsonObject i2 = awaitProcessed("image", e -> sha.equals(e.getString("sha256", null)));
        assertEquals("image/jpeg", i2.getString("contentType"));
        assertEquals("binary", i2.getString("contentEncoding"));
        assertEquals(image.length, i2.getInt("bytes"), "the consumer received the bytes untouched");

        // one MediaConsumer class, two activations (VideoConsumer on video, ImageConsumer on image)
        assertTrue(awaitStdout("Got media message on video: {name=" + avi1));
        assertTrue(awaitStdout("Got media message on video: {name=" + avi2));
        assertTrue(awaitStdout("Got media message on image: {name=" + jpg));
        assertTrue(awaitStdout("Got media message on image: " + image.length + " bytes image/jpeg (binary) sha256=" + sha));
    }

    /**
     * Operators' view: the embedded server runs in this JVM, so its platform MBean server holds Warren's MBeans. Three
     * videos published through the sample's factory move the video activation's and the factory's counts by exactly
     * three; MicroProfile Health serves the adapter's readiness at /health/ready and the sample shows its metrics.
     */
    @Test
    @Order(4)
    public void theMBeansCountTheSamplesTrafficAndHealthIsServed() throws Exception {
        javax.management.MBeanServer mbeans = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName video = new javax.management.ObjectName(
                "dev.warren:type=Activation,name=MediaConsumer/video");
        java.util.Set<javax.management.ObjectName> factories = mbeans.queryNames(
                new javax.management.ObjectName("dev.warren:type=ConnectionFactory,*"), null);
        assertEquals(1, factories.size(), "the sample's one connection factory: " + factories);
        javax.management.ObjectName factory = factories.iterator().next();
        long consumed = (Long) mbeans.getAttribute(video, "Consumed");
        long acked = (Long) mbeans.getAttribute(video, "Acked");
        long published = (Long) mbeans.getAttribute(factory, "Published");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "/tmp/metrics-" + i + "-" + RUN + ".avi";
            names.add(name);
            assertEquals(202, post("/api/media/video?name=" + enc(name) + "&size=1", HttpRequest.BodyPublishers.noBody(),
                    null).statusCode());
        }
        for (String name : names) {
            awaitProcessed("video", named(name));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((Long) mbeans.getAttribute(video, "Acked") < acked + 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(3L, (Long) mbeans.getAttribute(video, "Consumed") - consumed, "consumed by MediaConsumer/video");
        assertEquals(3L, (Long) mbeans.getAttribute(video, "Acked") - acked, "acknowledged");
        assertEquals(3L, (Long) mbeans.getAttribute(factory, "Published") - published, "published by the factory");
        assertEquals(0L, mbeans.getAttribute(video, "InFlight"));
        assertEquals(true, mbeans.getAttribute(new javax.management.ObjectName(
                "dev.warren:type=ResourceAdapter,name=warren"), "Ready"));

        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(uri("").toString()
                .replace("/warren-sample", "/health/ready"))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject health = json(ready.body()).asJsonObject();
        assertEquals("UP", health.getString("status"), ready.body());
        assertTrue(health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .anyMatch(c -> "warren".equals(c.getString("name")) && "UP".equals(c.getString("status"))), ready.body());

        HttpResponse<String> metrics = get("/api/metrics");
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.body().contains("MediaConsumer/video"), metrics.body());
    }

    @Test
    @Order(3)
    public void pollingReturnsOneMessageAndNoContentWhenEmpty() throws Exception {
        String todo = "/tmp/todo-" + RUN + ".txt";
        // publishing declares inbox (MediaService declares the deployer's queues); no MDB consumes it
        assertEquals(202, post("/api/media/inbox?name=" + enc(todo) + "&size=1", HttpRequest.BodyPublishers.noBody(),
                null).statusCode());

        JsonObject mine = null;
        int leftovers = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (mine == null && System.nanoTime() < deadline) {
            HttpResponse<String> r = get("/api/poll/inbox");
            if (r.statusCode() == 204) {
                Thread.sleep(100);
                continue;
            }
            assertEquals(200, r.statusCode(), r.body());
            JsonObject m = json(r.body()).asJsonObject();
            assertEquals("inbox", m.getString("queue"));
            if (named(todo).test(m)) {
                mine = m;
            } else {
                leftovers++;
            }
        }
        if (mine == null) {
            fail("GET /api/poll/inbox never returned " + todo);
        }
        LOG.info("polled " + todo + " (after " + leftovers + " leftovers from earlier runs)");
        assertEquals("media", mine.getString("exchange"));
        assertEquals("application/json", mine.getString("contentType"));

        HttpResponse<String> empty = get("/api/poll/inbox");
        assertEquals(204, empty.statusCode(), "the message was acked and taken; the queue is empty: " + empty.body());
        assertEquals("", empty.body());

        HttpResponse<String> missing = get("/api/poll/warren-it-no-such-queue-" + RUN);
        assertEquals(404, missing.statusCode(), missing.body());
    }

    // --- helpers

    private static Predicate<JsonObject> named(String name) {
        return e -> e.get("body") instanceof JsonObject b && name.equals(b.getString("name", null));
    }

    private static JsonObject awaitProcessed(String queue, Predicate<JsonObject> match) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonObject> last = List.of();
        do {
            HttpResponse<String> r = get("/api/processed?queue=" + queue);
            assertEquals(200, r.statusCode(), r.body());
            List<JsonObject> entries = new ArrayList<>();
            for (JsonValue v : (JsonArray) json(r.body())) {
                entries.add(v.asJsonObject());
            }
            Optional<JsonObject> hit = entries.stream().filter(match).findFirst();
            if (hit.isPresent()) {
                assertEquals(queue, hit.get().getString("queue"));
                return hit.get();
            }
            last = entries;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return fail("no processed message on queue " + queue + " matched within " + WAIT + "; processed: " + last);
    }

    private static boolean awaitStdout(String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            String out;
            synchronized (STDOUT) {
                out = STDOUT.toString(StandardCharsets.UTF_8);
            }
            if (out.contains(text)) {
                return true;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        LOG.warning("not printed: " + text);
        return false;
    }

    /** The demo's lolcat.jpg with this run's id appended after its end-of-image marker: a unique, valid JPEG. */
    private static byte[] jpegForThisRun() throws Exception {
        Path demo = Path.of(System.getProperty("warren.demo.jpeg", "../demo/src/main/demo/lolcat.jpg"));
        byte[] base = Files.isRegularFile(demo) ? Files.readAllBytes(demo)
                : new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        byte[] tag = ("warren-it " + RUN).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[base.length + tag.length];
        System.arraycopy(base, 0, out, 0, base.length);
        System.arraycopy(tag, 0, out, base.length, tag.length);
        return out;
    }

    private static String sha256(byte[] data) throws Exception {
        return String.format("%064x", new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(data)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static volatile String base;

    /**
     * The sample's base URL. The embedded server's HTTP listener uses one of the two ports reserved for this build
     * (arquillian.xml's bindHttpPort, or domain.xml's http-listener): the one where {@code GET /api} answers.
     */
    private static URI uri(String path) {
        if (base == null) {
            List<String> tried = new ArrayList<>();
            for (String p : new String[]{"warren.it.http.port", "warren.it.http2.port"}) {
                String port = System.getProperty(p);
                if (port == null || port.isBlank()) {
                    continue;
                }
                String candidate = "http://127.0.0.1:" + port + "/warren-sample";
                tried.add(candidate);
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(candidate + "/api"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().startsWith("Warren sample API")) {
                        base = candidate;
                        LOG.info("the sample answers at " + candidate);
                        break;
                    }
                } catch (Exception e) {
                    // not this one
                }
            }
            if (base == null) {
                throw new IllegalStateException("the sample's GET /api answers on none of " + tried
                        + " (failsafe passes the ports reserved as it.port.http and it.port.http2)");
            }
        }
        return URI.create(base + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String contentType)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).POST(body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonValue json(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readValue();
        }
    }
}
