package dev.warren.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs src/test/python/kombu_interop.py with Debian's /usr/bin/python3 and parses its JSON report. */
final class PythonKombu {
    static final String PYTHON = System.getProperty("warren.test.python", "/usr/bin/python3");
    static final Path SCRIPT = Path.of("src/test/python/kombu_interop.py");
    static final String INSTALL = "Python kombu is required for the interop tests (CI installs it)."
            + " Fix: run deployment/scripts/ensure-python-kombu.sh as root, or"
            + " apt-get install python3-kombu python3-msgpack python3-yaml python3-brotli python3-zstandard";

    private PythonKombu() {
    }

    static JsonNode run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("kombu-interop", ".err");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        } catch (IOException e) {
            fail("Cannot start " + PYTHON + ": " + e.getMessage() + ". " + INSTALL);
            throw e;
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("kombu_interop.py " + args[0] + " timed out after " + timeoutSeconds + " s");
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            fail("kombu_interop.py " + args[0] + " failed (exit " + p.exitValue() + "): " + stderr
                    + (stderr.contains("ModuleNotFoundError") ? "\n" + INSTALL : ""));
        }
        return new ObjectMapper().readTree(out);
    }
}
