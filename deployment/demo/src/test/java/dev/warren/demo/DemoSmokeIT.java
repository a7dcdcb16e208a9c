package dev.warren.demo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the one-command demo in smoke mode against the real broker: Payara Micro with warren.rar and the
 * sample WAR, every resource (resource adapter config, admin objects, connection pool, connector resource)
 * created by the asadmin commands of the recipe, not by annotations. Proves that
 * <ul>
 *   <li>each recipe command succeeded and the sample deployed on top of them;</li>
 *   <li>every scenario message (feed imports, json/yaml/msgpack media, raw JPEG, polled message) was
 *       delivered — the script exits non-zero otherwise;</li>
 *   <li>the broker password travels only through {@code ${ENV=WARREN_AMQP_PASSWORD}}: the demo connects as a
 *       throw-away broker user with a random password (RabbitMQ would refuse a wrong one), and that password
 *       is in neither the command file, the demo's output nor the server log.</li>
 * </ul>
 * It runs in a throw-away vhost, so demos or builds running elsewhere against the same broker do not interfere.
 * The Payara Micro process is stopped in {@link #stop()} even when the test fails or times out.
 */
class DemoSmokeIT {
    private static final long TIMEOUT_SECONDS = 240;

    private final Path demoDir = Path.of(System.getProperty("warren.demo.dir", "."));
    private final Path work = Path.of(System.getProperty("warren.demo.work", "target/smoke-run"));
    private final URI baseUri = URI.create(System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F"));
    private final String user = "warren-demo-it-" + ProcessHandle.current().pid();
    /** A vhost of its own: a demo running elsewhere on the shared broker cannot take this run's messages. */
    private final String vhost = user;
    private final String password = "pw-" + UUID.randomUUID();
    private Process demo;
    private boolean userCreated;

    @BeforeEach
    void brokerUser() throws Exception {
        quietly("delete_user", user);    // left over from a killed run, if any
        quietly("delete_vhost", vhost);
        userCreated = rabbitmqctl("add_vhost", vhost) && rabbitmqctl("add_user", user, password)
                && rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*");
        assertTrue(userCreated, "could not create the throw-away broker vhost and user with rabbitmqctl (needed to"
                + " prove the password is passed by ${ENV=...} and never logged); run the test where rabbitmqctl"
                + " manages the broker");
    }

    @Test
    void demoDeliversEveryScenarioMessageThroughTheAsadminRecipe() throws Exception {
        String amqpUri = "amqp://" + user + ":" + password + "@" + baseUri.getHost() + ":"
                + (baseUri.getPort() > 0 ? baseUri.getPort() : 5672) + "/" + vhost;
        Files.createDirectories(work.getParent());
        Path output = work.getParent().resolve("smoke-run.out");
        ProcessBuilder pb = new ProcessBuilder("bash", demoDir.resolve("run-demo.sh").toString(), "--smoke",
                "--no-build", "--work-dir", work.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("AMQP_URI", amqpUri);
        long start = System.nanoTime();
        demo = pb.start();
        boolean finished = demo.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String out = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(out);
        System.out.printf("demo smoke run took %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        assertTrue(finished, "the demo did not finish within " + TIMEOUT_SECONDS + " s:\n" + out);
        assertEquals(0, demo.exitValue(), "the demo reported undelivered messages or failed:\n" + out);

        assertTrue(out.contains("All 7 scenario messages were delivered."), out);
        assertTrue(out.contains("Got feed import message for: http://cnn.com/rss/edition.rss?demo="), out);
        assertTrue(out.contains("(application/x-yaml)") && out.contains("(application/x-msgpack)")
                && out.contains("(application/json)"), "json, yaml and msgpack bodies consumed:\n" + out);
        assertTrue(out.matches("(?s).*740 bytes image/jpeg \\(binary\\) sha256=[0-9a-f]{64}.*"), out);

        String log = Files.readString(work.resolve("payara.log"), StandardCharsets.UTF_8);
        for (String command : List.of("create-resource-adapter-config", "create-admin-object",
                "create-connector-connection-pool", "create-connector-resource", "deploy")) {
            assertTrue(log.contains("Boot Command " + command + " returned with result SUCCESS"), command + " in\n" + out);
        }
        assertEquals(4, count(log, "Boot Command create-admin-object returned with result SUCCESS"));
        assertEquals(2, count(log, "Boot Command deploy returned with result SUCCESS"));
        assertFalse(log.contains("returned with result FAILURE") || log.matches("(?s).*Boot Command [a-z-]+ failed.*"),
                "a recipe command failed, see " + work.resolve("payara.log"));
        assertTrue(log.contains("vhost=" + vhost + ", user=" + user), "the adapter connected as the throw-away user");

        String commands = Files.readString(work.resolve("post-boot-commands.asadmin"), StandardCharsets.UTF_8);
        assertTrue(commands.contains("password=${ENV=WARREN_AMQP_PASSWORD}"), commands);
        assertFalse(commands.contains(password), "the password was written into the command file");
        assertFalse(out.contains(password), "the password appears in the demo's output");
        assertFalse(log.contains(password), "the password appears in the Payara log " + work.resolve("payara.log"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (demo != null) {
                demo.descendants().forEach(ProcessHandle::destroy);
                demo.destroy();
                if (!demo.waitFor(30, TimeUnit.SECONDS)) {
                    demo.descendants().forEach(ProcessHandle::destroyForcibly);
                    demo.destroyForcibly();
                }
            }
            Path pidFile = work.resolve("payara.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                });
            }
        } finally {
            rabbitmqctl("delete_user", user);
            rabbitmqctl("delete_vhost", vhost);
        }
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static boolean rabbitmqctl(String... args) throws InterruptedException {
        return rabbitmqctl(true, args);
    }

    private static void quietly(String... args) throws InterruptedException {
        rabbitmqctl(false, args);
    }

    private static boolean rabbitmqctl(boolean report, String... args) throws InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            if (!ok && report) {
                System.err.println("rabbitmqctl " + String.join(" ", args).replaceAll("pw-[0-9a-f-]+", "***") + ": " + out);
            }
            return ok;
        } catch (IOException e) {
            System.err.println("rabbitmqctl is not available: " + e.getMessage());
            return false;
        }
    }
}
