package dev.warren.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message bodies: a kombu-seed-like json object padded so its json encoding is exactly the requested
 * size. Both the object (what a kombu-style producer publishes) and its bytes (what a raw publisher
 * sends) are kept.
 *
 * @param size the encoded size in bytes
 * @param object the map a Warren producer serializes
 * @param json the same map encoded as json, exactly {@code size} bytes
 */
public record Payloads(int size, Map<String, Object> object, byte[] json) {

    /**
     * @param size json length in bytes (at least 64)
     * @param mapper the mapper used to check the length
     * @return the payloads
     */
    public static Payloads of(int size, ObjectMapper mapper) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "/tmp/lolcat1.avi");
        m.put("size", 1301013);
        m.put("pad", "");
        try {
            int base = mapper.writeValueAsBytes(m).length;
            if (size < base) {
                throw new IllegalArgumentException("Body size " + size + " is below the minimum " + base);
            }
            m.put("pad", "x".repeat(size - base));
            byte[] json = mapper.writeValueAsBytes(m);
            if (json.length != size) {
                throw new IllegalStateException("json is " + json.length + " bytes, wanted " + size);
            }
            return new Payloads(size, java.util.Collections.unmodifiableMap(m), json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a label such as 100B or 4KiB */
    public String label() {
        return label(size);
    }

    /** @param size bytes @return a label such as 100B or 4KiB */
    public static String label(int size) {
        return size % 1024 == 0 ? (size / 1024) + "KiB" : size + "B";
    }

    @Override
    public String toString() {
        return label() + " " + new String(json, 0, Math.min(40, json.length), StandardCharsets.UTF_8) + "...";
    }
}
