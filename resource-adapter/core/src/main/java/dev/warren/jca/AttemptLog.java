package dev.warren.jca;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attempt record a failed message carries in its own headers, so that no state lives in the server and a broker
 * restart or a redeploy neither loses nor double-counts an attempt: {@code x-warren-attempts} (how many attempts
 * failed so far) and {@code x-warren-failures}, an array of tables, one per failed attempt, oldest first:
 * {@code attempt} (int), {@code time} (AMQP timestamp, seconds), {@code exception} (class name, or
 * {@value TransactionRolledBack#REASON}), {@code message} (the exception's message, at most {@value #MAX_TEXT}
 * characters) and, for an attempt followed by a delayed retry, {@code delay} (milliseconds). At most
 * {@value #MAX_ENTRIES} entries are kept (the newest), so the header stays far below the broker's frame size;
 * {@code x-warren-attempts} always has the full count. Stateless; thread-safe.
 */
final class AttemptLog {
    /** header: failed attempts so far */
    static final String ATTEMPTS = "x-warren-attempts";
    /** header: one table per failed attempt */
    static final String FAILURES = "x-warren-failures";
    static final int MAX_ENTRIES = 50;
    static final int MAX_TEXT = 500;

    private AttemptLog() {
    }

    /**
     * @param headers the failed message's headers (null = none)
     * @return the failed attempts recorded before this one (0 for a first failure)
     */
    static int attempts(Map<String, Object> headers) {
        Object n = headers == null ? null : headers.get(ATTEMPTS);
        return n instanceof Number number ? Math.max(0, number.intValue()) : 0;
    }

    /**
     * @param headers the failed message's headers (null = none); not changed
     * @param exception what x-warren-exception would say
     * @param message the exception's message (null = none)
     * @param time when the attempt failed
     * @param delayMillis how long the message waits before its retry, or null when it is not retried after a delay
     * @return a copy of the headers with x-warren-attempts counted up and this attempt appended to x-warren-failures
     */
    static Map<String, Object> record(Map<String, Object> headers, String exception, String message, Instant time,
                                      Long delayMillis) {
        Map<String, Object> out = headers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(headers);
        int attempt = attempts(headers) + 1;
        out.put(ATTEMPTS, attempt);
        List<Object> failures = new ArrayList<>();
        if (out.get(FAILURES) instanceof List<?> earlier) {
            failures.addAll(earlier);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("attempt", attempt);
        entry.put("time", time);
        entry.put("exception", exception);
        entry.put("message", message == null ? "" : message.length() <= MAX_TEXT ? message
                : message.substring(0, MAX_TEXT - 1) + "…");
        if (delayMillis != null) {
            entry.put("delay", delayMillis);
        }
        failures.add(entry);
        out.put(FAILURES, failures.size() <= MAX_ENTRIES ? failures
                : new ArrayList<>(failures.subList(failures.size() - MAX_ENTRIES, failures.size())));
        return out;
    }
}
