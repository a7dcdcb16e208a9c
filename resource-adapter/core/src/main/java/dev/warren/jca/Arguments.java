package dev.warren.jca;

import dev.warren.WarrenException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the configuration form of AMQP argument tables: {@code "x-message-ttl=60000,x-queue-type=quorum"}.
 * Integral values become {@code Long}, {@code true}/{@code false} become {@code Boolean}, everything else
 * stays a {@code String}. Stateless.
 */
final class Arguments {
    private Arguments() {
    }

    /**
     * @param property the property name, for errors
     * @param value the configured value; null or blank means no arguments
     * @return the arguments in order, unmodifiable
     * @throws WarrenException naming the property and the entry when an entry has no '='
     */
    static Map<String, Object> parse(String property, String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new WarrenException("Invalid property " + property + "='" + value + "': entry '" + e
                        + "' is not key=value. Fix: write e.g. x-message-ttl=60000,x-queue-type=quorum.");
            }
            out.put(e.substring(0, eq).trim(), typed(e.substring(eq + 1).trim()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object typed(String v) {
        if (v.matches("-?\\d{1,18}")) {
            return Long.parseLong(v);
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        return v;
    }
}
