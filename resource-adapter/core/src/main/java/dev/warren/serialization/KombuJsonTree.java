package dev.warren.serialization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link KombuJson}'s wrapper rules on a Jackson tree, for typed decoding (converting a tree into a record
 * is cheaper than converting plain values). A wrapper's {@code __value__} is handed to the rules as a plain
 * value and the rule's result is put back as a node; nodes without wrappers are left untouched.
 */
final class KombuJsonTree {
    private KombuJsonTree() {
    }

    /** @param node a parsed tree @return the tree with kombu type wrappers replaced (may be a new root) */
    static JsonNode unwrap(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            JsonNode replaced = replacement(obj);
            if (replaced != null) {
                return replaced;
            }
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                JsonNode v = e.getValue();
                JsonNode u = unwrap(v);
                if (u != v) {
                    e.setValue(u);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0, n = arr.size(); i < n; i++) {
                JsonNode v = arr.get(i);
                JsonNode u = unwrap(v);
                if (u != v) {
                    arr.set(i, u);
                }
            }
        }
        return node;
    }

    private static JsonNode replacement(ObjectNode obj) {
        if (obj.size() != 2) {
            return null;
        }
        JsonNode type = obj.get("__type__");
        JsonNode value = obj.get("__value__");
        if (type == null || !type.isTextual() || value == null) {
            return null;
        }
        Object replaced = KombuJson.replacement(type.textValue(), plain(value));
        return replaced == null ? null : node(replaced);
    }

    /**
     * Enough of the value for the rules: text and numbers as their Java values (so a decimal's text is
     * {@code asText()}'s), an object as a map of those one level deep; anything else stays a node, which no
     * rule accepts.
     */
    private static Object plain(JsonNode value) {
        if (value instanceof ObjectNode obj) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                map.put(e.getKey(), scalar(e.getValue()));
            }
            return map;
        }
        return scalar(value);
    }

    private static Object scalar(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.isNumber() ? value.numberValue() : value;
    }

    private static JsonNode node(Object replaced) {
        if (replaced instanceof String s) {
            return TextNode.valueOf(s);
        }
        if (replaced instanceof BigDecimal d) {
            return DecimalNode.valueOf(d);
        }
        if (replaced instanceof byte[] b) {
            return BinaryNode.valueOf(b);
        }
        throw new IllegalStateException("A kombu type rule produced a " + replaced.getClass().getName());
    }
}
