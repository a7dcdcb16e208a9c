package dev.warren.serialization;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The interop payloads, mirroring src/test/python/kombu_interop.py, and a normal form to compare them. */
final class Payloads {
    static final List<String> SERIALIZERS = List.of("json", "yaml", "msgpack", "pickle");
    static final LocalDateTime DT = LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000);
    static final OffsetDateTime DT_TZ = OffsetDateTime.of(DT, ZoneOffset.ofHoursMinutes(5, 30));
    static final LocalDate DAY = LocalDate.of(2024, 2, 29);
    static final byte[] PNG = {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48,
            0x44, 0x52, (byte) 0xFF, 0x00};
    static final String TEXT = "plain text \u2713 caf\u00e9 \uD83D\uDE00 \uD834\uDD1E";
    static final byte[] BYTES = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff, 'b', 'i', 'n'};

    private Payloads() {
    }

    static Map<String, Object> base() {
        Map<String, Object> deep = new LinkedHashMap<>();
        deep.put("deep", Map.of("x", -7));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", Arrays.asList(1, "two", 3.5, Arrays.asList(true, false, null), deep));
        nested.put("empty_list", List.of());
        nested.put("empty_map", Map.of());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("text", "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \uD83D\uDE00 \uD834\uDD1E");
        v.put("nested", nested);
        v.put("int32", (1L << 32) + 5);
        v.put("neg", -(1L << 40) - 3);
        v.put("float", 3.14159);
        v.put("big_float", 1.5e300);
        v.put("tiny", -2.5e-300);
        v.put("yes", true);
        v.put("no", false);
        v.put("nothing", null);
        return v;
    }

    /** What Warren publishes for a case. */
    static Object publishValue(String kase) {
        switch (kase) {
            case "png":
                return PNG;
            case "text":
                return TEXT;
            default:
                break;
        }
        Map<String, Object> v = base();
        if (!kase.equals("msgpack")) {
            v.put("int63", BigInteger.TWO.pow(63).add(BigInteger.valueOf(11)));
            v.put("huge", BigInteger.TWO.pow(70).add(BigInteger.ONE));
            v.put("when", DT);
            v.put("day", DAY);
        }
        if (kase.equals("json") || kase.equals("pickle")) {
            v.put("when_tz", DT_TZ);
        }
        if (kase.equals("msgpack") || kase.equals("pickle")) {
            v.put("bytes", BYTES);
        }
        if (kase.equals("msgpack")) {
            v.put("uint64", BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
        }
        return v;
    }

    /**
     * What Warren must decode from kombu's message for a case.
     *
     * @param kombu52 whether the peer is kombu before 5.3 (dates as ISO strings, a date as midnight datetime)
     *                rather than 5.3+ ({@code __type__} wrappers, which Warren unwraps to the ISO string)
     */
    @SuppressWarnings("unchecked")
    static Object expectedFromKombu(String kase, boolean kombu52) {
        Object v = publishValue(kase);
        if (kase.equals("json")) {
            Map<String, Object> m = (Map<String, Object>) v;
            m.put("when", "2024-02-29T13:45:30.123456");
            m.put("when_tz", "2024-02-29T13:45:30.123456+05:30");
            // kombu 5.2's JSONEncoder turns a date into a midnight datetime; 5.3+ wraps it as a date
            m.put("day", kombu52 ? "2024-02-29T00:00:00" : "2024-02-29");
        } else if (kase.equals("yaml")) {
            Map<String, Object> m = (Map<String, Object>) v;
            m.put("when", "2024-02-29 13:45:30.123456");
            m.put("day", "2024-02-29");
        }
        return v;
    }

    /** Bytes in normal form. */
    record Bin(String hex) {
    }

    /** @return a comparable normal form: integers as BigInteger, maps sorted, bytes as hex */
    static Object normal(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof byte[] b) {
            return new Bin(HexFormat.of().formatHex(b));
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), normal(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Payloads::normal).collect(java.util.stream.Collectors.toList());
        }
        return v;
    }
}
