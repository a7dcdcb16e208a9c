package dev.warren.celery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Celery worker (Debian's python3-celery under /usr/bin/python3) running the tasks module
 * src/test/python/warren_celery_tasks.py against the shared broker, consuming one unique queue, from a temporary
 * directory with nothing else in it (a local {@code celery/} folder would shadow the package). Closing it kills its
 * process tree.
 */
final class CeleryWorker implements AutoCloseable {
    static final String PYTHON = System.getProperty("warren.test.celery.python", "/usr/bin/python3");
    static final String INSTALL = "Fix: deployment/scripts/ensure-python-celery.sh (apt-get install python3-celery"
            + " python3-msgpack python3-yaml).";

    final String queue;
    private final Path dir;
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private CeleryWorker(String queue, Path dir, Process process) {
        this.queue = queue;
        this.dir = dir;
        this.process = process;
    }

    /**
     * @param brokerUri the AMQP uri of the broker (vhost "/")
     * @return a started worker, ready to consume
     */
    static CeleryWorker start(String brokerUri) throws Exception {
        Process check = new ProcessBuilder(PYTHON, "-c", "import celery, msgpack, yaml").redirectErrorStream(true)
                .start();
        if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IllegalStateException("Python Celery is not importable by " + PYTHON + ". " + INSTALL);
        }
        String queue = "warren.celery.it." + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("warren-celery-");
        Files.copy(Paths.get("src/test/python/warren_celery_tasks.py"), dir.resolve("warren_celery_tasks.py"));
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-m", "celery", "-A", "warren_celery_tasks", "worker",
                "--pool=solo", "--concurrency=1", "-Q", queue, "-n", queue + "@localhost", "--without-mingle", "--without-gossip",
                "--without-heartbeat", "--loglevel=INFO").directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("WARREN_CELERY_BROKER", brokerUri.replaceFirst("^amqp://", "pyamqp://")
                .replace("/%2F", "//"));
        pb.environment().put("PYTHONPATH", dir.toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("PYTHONUNBUFFERED", "1");
        // the test worker accepts pickle (to prove Warren's pickle bodies); Celery refuses that as root unless told
        pb.environment().put("C_FORCE_ROOT", "1");
        CeleryWorker w = new CeleryWorker(queue, dir, pb.start());
        w.pump();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!w.ready.await(100, TimeUnit.MILLISECONDS) && w.process.isAlive() && System.nanoTime() < deadline) {
            // waiting for "<name> ready."
        }
        if (w.ready.getCount() > 0) {
            w.close();
            throw new IllegalStateException("The Celery worker did not become ready in 60 s (alive: " + w.process.isAlive() + "). Output:\n" + w.output());
        }
        return w;
    }

    private void pump() {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains(" ready.")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.add("(output closed: " + e + ")");
                }
            }
        }, "celery-worker-output");
        t.setDaemon(true);
        t.start();
    }

    /** @return the worker's output so far */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
