package dev.warren.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Reads kombu 5.3+'s extended JSON types the way kombu 5.2 writes them, so Warren sees one shape from
 * either version. kombu 5.3+ wraps values as {@code {"__type__": "<name>", "__value__": …}}; kombu 5.2
 * writes dates, decimals and UUIDs as ISO-8601 / plain strings. An object with exactly those two keys and
 * a known type becomes: datetime/date/time → the ISO string (typed decoding converts it to
 * {@code java.time} fields); uuid (a string, or {@code {"hex", "version"}} in newer kombu) → the canonical
 * UUID string; decimal → an exact {@code BigDecimal}; bytes (UTF-8 text) and base64 → {@code byte[]}.
 * Unknown {@code __type__} names are left as they are (kombu itself would raise).
 */
final class KombuJson {
    private static final Set<String> TEXTUAL = Set.of("datetime", "date", "time");

    private KombuJson() {
    }

    /** @param node a parsed tree @return the tree with kombu type wrappers replaced (may be a new root) */
    static JsonNode unwrap(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            JsonNode replaced = replacement(obj);
            if (replaced != null) {
                return replaced;
            }
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                e.setValue(unwrap(e.getValue()));
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, unwrap(arr.get(i)));
            }
        }
        return node;
    }

    private static JsonNode replacement(ObjectNode obj) {
        if (obj.size() != 2 || !obj.has("__type__") || !obj.has("__value__") || !obj.get("__type__").isTextual()) {
            return null;
        }
        String type = obj.get("__type__").asText();
        JsonNode value = obj.get("__value__");
        if (TEXTUAL.contains(type) && value.isTextual()) {
            return value;
        }
        if (type.equals("decimal") && (value.isTextual() || value.isNumber())) {
            return DecimalNode.valueOf(new BigDecimal(value.asText()));
        }
        if (type.equals("uuid")) {
            return uuid(value);
        }
        if (type.equals("bytes") && value.isTextual()) {
            return BinaryNode.valueOf(value.asText().getBytes(StandardCharsets.UTF_8));
        }
        if (type.equals("base64") && value.isTextual()) {
            return BinaryNode.valueOf(Base64.getDecoder().decode(value.asText()));
        }
        return null;
    }

    /** kombu 5.3.0 wrote the UUID string; later versions write {@code {"hex": "…", "version": 4}}. */
    private static JsonNode uuid(JsonNode value) {
        if (value.isTextual()) {
            return value;
        }
        JsonNode hex = value.get("hex");
        if (hex != null && hex.isTextual() && hex.asText().length() == 32) {
            String h = hex.asText();
            return TextNode.valueOf(h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                    + h.substring(16, 20) + "-" + h.substring(20));
        }
        return null;
    }
}
