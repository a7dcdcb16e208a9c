package dev.warren.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Python kombu contender: runs {@code kombu_bench.py} (a resource of this module) with Debian's
 * {@code /usr/bin/python3} against the same broker, exchange, queue, body size and prefetch as the Java contenders,
 * and reads the one-line JSON report it prints.
 *
 * <p>Two figures per run: the script's own timing (publish: first publish to the end of a synchronous round trip;
 * consume: first to last message — measured inside Python, after the interpreter, kombu and the connection are up),
 * used for the ratios, and the whole process (start to exit, including interpreter start-up, imports and the
 * connection), reported as {@link Sample#PROCESS_RATE}. CPU per message is the Python process's CPU over the timed
 * window (py-amqp is single-threaded: there is no separate I/O thread to leave out).
 *
 * <p>Not thread-safe; one instance per run. A missing interpreter or kombu fails with the command that installs it.
 */
final class KombuContender implements AutoCloseable {
    static final String PUBLISH = "kombu-object";
    static final String CONSUME = "kombu-callback";
    /** {@link #version()} before any run */
    static final String NOT_RUN = "not run";
    static final String INSTALL = "Python kombu is needed for the kombu contenders."
            + " Fix: run deployment/scripts/ensure-python-kombu.sh as root (apt-get install python3-kombu),"
            + " or leave them out with --kombu false";

    private final String python;
    private final String uri;
    private final Path script;
    private final ObjectMapper mapper = new ObjectMapper();
    private String version = NOT_RUN;

    /**
     * @param python the interpreter, e.g. /usr/bin/python3
     * @param uri the broker URI (the same the Java contenders use)
     * @throws IOException when the script cannot be extracted
     */
    KombuContender(String python, String uri) throws IOException {
        this.python = python;
        this.uri = uri;
        this.script = Files.createTempFile("warren-kombu-bench", ".py");
        try (InputStream in = KombuContender.class.getResourceAsStream("kombu_bench.py")) {
            if (in == null) {
                throw new IOException("kombu_bench.py is missing from the classpath (dev/warren/bench)");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * @param exchange the run's exchange
     * @param queue an empty queue bound with its own name
     * @param size body size in bytes
     * @param n messages
     * @param timeoutSeconds deadline of the whole process
     * @return what the publisher measured
     * @throws Exception when Python fails or times out
     */
    Result publish(String exchange, String queue, int size, int n, int timeoutSeconds) throws Exception {
        return run(timeoutSeconds, "publish", exchange, queue, Integer.toString(n), Integer.toString(size),
                Integer.toString(timeoutSeconds));
    }

    /**
     * @param exchange the run's exchange
     * @param queue a queue pre-filled with {@code n} json messages
     * @param size body size in bytes (only checked against kombu's encoding)
     * @param n messages to consume
     * @param prefetch basic.qos of the consumer
     * @param timeoutSeconds deadline of the whole process
     * @return what the consumer measured
     * @throws Exception when Python fails or times out
     */
    Result consume(String exchange, String queue, int size, int n, int prefetch, int timeoutSeconds) throws Exception {
        return run(timeoutSeconds, "consume", exchange, queue, Integer.toString(n), Integer.toString(size),
                Integer.toString(timeoutSeconds), Integer.toString(prefetch));
    }

    private Result run(int timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), args[0], uri));
        cmd.addAll(List.of(args).subList(1, args.length));
        Path err = Files.createTempFile("warren-kombu-bench", ".err");
        try {
            long t0 = System.nanoTime();
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new IOException("Cannot start " + python + ": " + e.getMessage() + ". " + INSTALL, e);
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds + 10L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TimeoutException("kombu " + args[0] + " did not finish in " + (timeoutSeconds + 10) + " s");
            }
            long t1 = System.nanoTime();
            String stderr = Files.readString(err, StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new IOException("kombu " + args[0] + " failed (exit " + p.exitValue() + "): " + stderr
                        + (stderr.contains("ModuleNotFoundError") ? " " + INSTALL : ""));
            }
            JsonNode report = mapper.readTree(out);
            long n = report.path("messages").asLong();
            long nanos = Math.round(report.path("seconds").asDouble() * 1e9);
            long cpuNanos = Math.round(report.path("cpu_seconds").asDouble() * 1e9);
            if (n <= 0 || nanos <= 0) {
                throw new IOException("kombu " + args[0] + " printed no measurement: " + new String(out,
                        StandardCharsets.UTF_8) + " " + stderr);
            }
            version = report.path("kombu").asText();
            return new Result(n, nanos, -1, cpuNanos, n * 1e9 / (t1 - t0));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** @return the kombu version the last run reported */
    String version() {
        return version;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(script);
    }
}
