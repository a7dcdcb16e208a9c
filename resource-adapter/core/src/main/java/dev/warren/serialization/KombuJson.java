package dev.warren.serialization;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Reads kombu 5.3+'s extended JSON types the way kombu 5.2 writes them, so Warren sees one shape from
 * either version. kombu 5.3+ wraps values as {@code {"__type__": "<name>", "__value__": …}}; kombu 5.2
 * writes dates, decimals and UUIDs as ISO-8601 / plain strings. A map with exactly those two keys, a
 * string {@code __type__} and a known type becomes: datetime/date/time → the ISO string (typed decoding
 * converts it to {@code java.time} fields); uuid (a string, or {@code {"hex", "version"}} in newer kombu) →
 * the canonical UUID string; decimal (a string or a number) → an exact {@code BigDecimal}; bytes (UTF-8
 * text) and base64 → {@code byte[]}. Unknown {@code __type__} names are left as they are (kombu itself
 * would raise), and so are wrappers whose value does not fit their type.
 *
 * <p>Works on the plain values Jackson's untyped reading yields ({@code Map}, {@code List}, {@code Object[]},
 * {@code String}, {@code Number}, {@code Boolean}, null) and replaces wrappers in place, allocating only
 * what replaces them: a body with no wrappers costs one read-only pass.
 */
final class KombuJson {
    private KombuJson() {
    }

    /**
     * @param value a plain value as read by Jackson; its maps, lists and arrays must be mutable
     * @return the value with kombu type wrappers replaced (the value itself unless it is a wrapper)
     */
    static Object unwrap(Object value) {
        if (value instanceof Map<?, ?> map) {
            Object replaced = replacement(map);
            if (replaced != null) {
                return replaced;
            }
            unwrapEntries(map);
        } else if (value instanceof List<?> list) {
            unwrapElements(list);
        } else if (value instanceof Object[] array) {
            for (int i = 0; i < array.length; i++) {
                array[i] = unwrapChild(array[i]);
            }
        }
        return value;
    }

    /**
     * Only maps, lists and arrays can hold a wrapper. Scalars are recognised by class checks first: a failed
     * {@code instanceof} against an interface ({@code Map}, {@code List}) scans the class's interfaces and
     * made the walk six times slower (90 ns instead of 15 for a three-entry map, JDK 17).
     */
    private static Object unwrapChild(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return unwrap(value);
    }

    @SuppressWarnings("unchecked")
    private static void unwrapEntries(Map<?, ?> map) {
        for (Map.Entry<?, Object> e : ((Map<?, Object>) map).entrySet()) {
            Object v = e.getValue();
            Object u = unwrapChild(v);
            if (u != v) {
                e.setValue(u);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void unwrapElements(List<?> list) {
        List<Object> l = (List<Object>) list;
        if (l instanceof RandomAccess) {
            for (int i = 0, n = l.size(); i < n; i++) {
                Object v = l.get(i);
                Object u = unwrapChild(v);
                if (u != v) {
                    l.set(i, u);
                }
            }
            return;
        }
        for (ListIterator<Object> it = l.listIterator(); it.hasNext(); ) {
            Object v = it.next();
            Object u = unwrapChild(v);
            if (u != v) {
                it.set(u);
            }
        }
    }

    /** @return what a wrapper map stands for, or null when the map is not a wrapper Warren understands */
    private static Object replacement(Map<?, ?> map) {
        if (map.size() != 2 || !(map.get("__type__") instanceof String type) || !map.containsKey("__value__")) {
            return null;
        }
        return replacement(type, map.get("__value__"));
    }

    /**
     * The rules, once for every caller.
     *
     * @param type the {@code __type__} name
     * @param value the {@code __value__}, a plain value
     * @return the kombu 5.2 value, or null when the type is unknown or the value does not fit it
     */
    static Object replacement(String type, Object value) {
        switch (type) {
            case "datetime", "date", "time":
                return value instanceof String ? value : null;
            case "decimal":
                return value instanceof String || value instanceof Number ? decimal(value) : null;
            case "uuid":
                return uuid(value);
            case "bytes":
                return value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
            case "base64":
                return value instanceof String s ? Base64.getDecoder().decode(s) : null;
            default:
                return null;
        }
    }

    /**
     * Exact: from the value's text, as Jackson's tree gives it ({@code Double.toString} for floats, so a
     * float is as exact as the double it was read into; strings and integers are exact).
     */
    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    /** kombu 5.3.0 wrote the UUID string; later versions write {@code {"hex": "…", "version": 4}}. */
    private static String uuid(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> m && m.get("hex") instanceof String h && h.length() == 32) {
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                    + h.substring(16, 20) + "-" + h.substring(20);
        }
        return null;
    }
}
