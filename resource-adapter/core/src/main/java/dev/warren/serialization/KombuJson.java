package dev.warren.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Reads kombu 5.3+'s extended JSON types the way kombu 5.2 writes them, so Warren sees one shape from
 * either version. kombu 5.3+ wraps {@code datetime}, {@code date}, {@code time}, {@code decimal} and
 * {@code uuid} as {@code {"__type__": "<name>", "__value__": <text>}}; kombu 5.2 writes the same values as
 * ISO-8601 / plain strings. An object with exactly those two keys and a known type becomes:
 * datetime/date/time/uuid → the {@code __value__} string (typed decoding then converts it to
 * {@code java.time} or {@code UUID} fields), decimal → an exact decimal number ({@code BigDecimal}).
 * Unknown {@code __type__} names are left as they are.
 */
final class KombuJson {
    private static final Set<String> TEXTUAL = Set.of("datetime", "date", "time", "uuid");

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
        return null;
    }
}
