package dev.warren.serialization;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warren.DecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON decoding: plain values, kombu 5.3+ type wrappers (untyped and typed alike), numbers, empty bodies. */
class JsonSerializerTest {
    static final MessageCodec CODEC = MessageCodec.defaults();
    static final String UUID_TEXT = "6f1c1a7e-3f0a-4c55-9d0b-0a4e6c1b2d3e";
    static final String UUID_HEX = "{\"__type__\": \"uuid\", \"__value__\": {\"hex\": \"6f1c1a7e3f0a4c559d0b0a4e6c1b2d3e\","
            + " \"version\": 4}}";
    /** Every wrapper kind kombu 5.3+ writes, at the top, in lists and in maps. */
    static final String KOMBU53 = "{\"when\": {\"__type__\": \"datetime\", \"__value__\": \"2024-02-29T13:45:30.123456\"},"
            + " \"day\": {\"__type__\": \"date\", \"__value__\": \"2024-02-29\"},"
            + " \"at\": {\"__type__\": \"time\", \"__value__\": \"13:45:30\"},"
            + " \"price\": {\"__type__\": \"decimal\", \"__value__\": \"12.50\"},"
            + " \"id\": " + UUID_HEX + ","
            + " \"raw\": {\"__type__\": \"bytes\", \"__value__\": \"caf\u00e9\"},"
            + " \"b64\": {\"__type__\": \"base64\", \"__value__\": \"AP8=\"},"
            + " \"days\": [{\"__type__\": \"date\", \"__value__\": \"2024-03-01\"}, \"2024-03-02\"],"
            + " \"lines\": [{\"sku\": \"a\", \"price\": {\"__type__\": \"decimal\", \"__value__\": 1.25},"
            + " \"ids\": [[{\"__type__\": \"uuid\", \"__value__\": \"" + UUID_TEXT + "\"}]]}],"
            + " \"rest\": {\"deep\": {\"b\": {\"__type__\": \"base64\", \"__value__\": \"AP8=\"}}, \"n\": 1}}";

    static Object untyped(String json) {
        return CODEC.decode(json.getBytes(StandardCharsets.UTF_8), "application/json", "utf-8", null, Accept.DEFAULT,
                "m");
    }

    static <T> T typed(String json, Class<T> type) {
        return CODEC.decode(json.getBytes(StandardCharsets.UTF_8), "application/json", "utf-8", null, Accept.DEFAULT,
                "m", type);
    }

    @Test
    void untypedKombu53WrappersBecomeKombu52Values() {
        Map<?, ?> m = assertInstanceOf(Map.class, untyped(KOMBU53));
        assertEquals("2024-02-29T13:45:30.123456", m.get("when"));
        assertEquals("2024-02-29", m.get("day"));
        assertEquals("13:45:30", m.get("at"));
        assertEquals(new BigDecimal("12.50"), m.get("price"));
        assertEquals(UUID_TEXT, m.get("id"));
        assertArrayEquals("caf\u00e9".getBytes(StandardCharsets.UTF_8), (byte[]) m.get("raw"));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) m.get("b64"));
        assertEquals(List.of("2024-03-01", "2024-03-02"), m.get("days"));
        assertEquals(List.of(Map.of("sku", "a", "price", new BigDecimal("1.25"), "ids", List.of(List.of(UUID_TEXT)))),
                m.get("lines"));
        Map<?, ?> rest = assertInstanceOf(Map.class, m.get("rest"));
        assertEquals(1, rest.get("n"));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) ((Map<?, ?>) rest.get("deep")).get("b"));
        assertEquals(List.of("when", "day", "at", "price", "id", "raw", "b64", "days", "lines", "rest"),
                new ArrayList<>(m.keySet()), "key order kept");
    }

    @Test
    void wrapperAtTheTopAndWrapperKeyOrder() {
        assertEquals("2024-01-01", untyped("{\"__type__\": \"date\", \"__value__\": \"2024-01-01\"}"));
        assertEquals("2024-01-01", untyped("{\"__value__\": \"2024-01-01\", \"__type__\": \"date\"}"));
        assertEquals(List.of(UUID_TEXT), untyped("[" + UUID_HEX + "]"));
    }

    @Test
    void decimalsFromNumbersAreTheNumbersText() {
        assertEquals(new BigDecimal("12"), untyped("{\"__type__\": \"decimal\", \"__value__\": 12}"));
        assertEquals(new BigDecimal("0.1"), untyped("{\"__type__\": \"decimal\", \"__value__\": 0.1}"));
        assertEquals(new BigDecimal("1.0E20"), untyped("{\"__type__\": \"decimal\", \"__value__\": 1e20}"));
        assertEquals(new BigDecimal("1180591620717411303424"),
                untyped("{\"__type__\": \"decimal\", \"__value__\": 1180591620717411303424}"));
        assertEquals(new BigDecimal("1E-7"), untyped("{\"__type__\": \"decimal\", \"__value__\": \"1e-7\"}"));
    }

    @Test
    void mapsThatAreNotWrappersAreLeftAlone() {
        assertEquals(Map.of("__type__", "date", "__value__", "2024-01-01", "x", 1),
                untyped("{\"__type__\": \"date\", \"__value__\": \"2024-01-01\", \"x\": 1}"));
        assertEquals(Map.of("__type__", "custom", "__value__", 1),
                untyped("{\"__type__\": \"custom\", \"__value__\": 1}"));
        assertEquals(Map.of("__type__", 7, "__value__", "x"), untyped("{\"__type__\": 7, \"__value__\": \"x\"}"));
        assertEquals(Map.of("__type__", "date", "__value__", 7), untyped("{\"__type__\": \"date\", \"__value__\": 7}"));
        assertEquals(Map.of("__type__", "decimal", "__value__", true),
                untyped("{\"__type__\": \"decimal\", \"__value__\": true}"));
        assertEquals(Map.of("__type__", "uuid", "__value__", Map.of("hex", "short")),
                untyped("{\"__type__\": \"uuid\", \"__value__\": {\"hex\": \"short\"}}"));
        assertEquals(Map.of("__type__", "date"), untyped("{\"__type__\": \"date\"}"));
        // an unknown wrapper stays, but what it holds is still read
        assertEquals(Map.of("__type__", "custom", "__value__", "2024-01-01"),
                untyped("{\"__type__\": \"custom\", \"__value__\": {\"__type__\": \"date\", \"__value__\": \"2024-01-01\"}}"));
    }

    @Test
    void badWrapperValuesAreDecodeErrors() {
        DecodeException d = assertThrows(DecodeException.class,
                () -> untyped("{\"__type__\": \"decimal\", \"__value__\": \"abc\"}"));
        assertInstanceOf(NumberFormatException.class, d.getCause());
        DecodeException b = assertThrows(DecodeException.class,
                () -> untyped("{\"__type__\": \"base64\", \"__value__\": \"!!\"}"));
        assertInstanceOf(IllegalArgumentException.class, b.getCause());
    }

    @Test
    void numbers() {
        BigInteger two63 = BigInteger.TWO.pow(63);
        BigInteger two70 = BigInteger.TWO.pow(70);
        List<?> l = assertInstanceOf(List.class, untyped("[" + two63 + ", " + two70 + ", -" + two63 + ", "
                + Long.MAX_VALUE + ", 1, 1.5, -0.0]"));
        assertEquals(Arrays.asList(two63, two70, Long.MIN_VALUE, Long.MAX_VALUE, 1, 1.5, -0.0), l);
        assertInstanceOf(BigInteger.class, l.get(0));
        assertInstanceOf(BigInteger.class, l.get(1));
        assertInstanceOf(Long.class, l.get(2), "-2^63 fits a long");
        assertInstanceOf(Long.class, l.get(3));
        assertInstanceOf(Integer.class, l.get(4));
        assertInstanceOf(Double.class, l.get(5));
        assertEquals(two70, untyped(two70.toString()));
    }

    @Test
    void nullAndScalarBodies() {
        assertNull(untyped("null"));
        assertNull(typed("null", Map.class));
        assertEquals("s", untyped("\"s\""));
        assertEquals(true, untyped("true"));
        assertEquals(List.of(), untyped("[]"));
        assertEquals(Map.of(), untyped(" {} "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " \n\t\r "})
    void noJsonValueIsAClearError(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        JsonSerializer json = new JsonSerializer();
        JsonParseException direct = assertThrows(JsonParseException.class, () -> json.decode(bytes));
        assertEquals("no JSON value in the body", direct.getOriginalMessage());
        assertThrows(JsonParseException.class, () -> json.decode(bytes, Map.class, null));
        DecodeException typed = assertThrows(DecodeException.class, () -> typed(body, Map.class));
        assertTrue(typed.getMessage().contains("no JSON value in the body"), typed.getMessage());
        if (!body.isEmpty()) { // an empty body is "" untyped, as in kombu
            DecodeException untyped = assertThrows(DecodeException.class, () -> untyped(body));
            assertTrue(untyped.getMessage().contains("no JSON value in the body"), untyped.getMessage());
        } else {
            assertEquals("", untyped(body));
        }
    }

    @Test
    void invalidJsonKeepsJacksonsMessage() {
        DecodeException e = assertThrows(DecodeException.class, () -> untyped("{\"a\": tru}"));
        assertTrue(e.getMessage().contains("JsonParseException: Unrecognized token 'tru'"), e.getMessage());
    }

    /** The typed view of {@link #KOMBU53}. */
    record Order(LocalDateTime when, LocalDate day, LocalTime at, BigDecimal price, UUID id, byte[] raw, byte[] b64,
                 List<LocalDate> days, List<Line> lines) {
    }

    /** A line of {@link Order}. */
    record Line(String sku, BigDecimal price, List<List<UUID>> ids) {
    }

    @Test
    void typedDecodingSeesTheSameValues() {
        Order o = typed(KOMBU53, Order.class);
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000), o.when());
        assertEquals(LocalDate.of(2024, 2, 29), o.day());
        assertEquals(LocalTime.of(13, 45, 30), o.at());
        assertEquals(new BigDecimal("12.50"), o.price());
        assertEquals(UUID.fromString(UUID_TEXT), o.id());
        assertArrayEquals("caf\u00e9".getBytes(StandardCharsets.UTF_8), o.raw());
        assertArrayEquals(new byte[] {0, (byte) 0xff}, o.b64());
        assertEquals(List.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 2)), o.days());
        assertEquals(List.of(new Line("a", new BigDecimal("1.25"), List.of(List.of(UUID.fromString(UUID_TEXT))))),
                o.lines());
    }

    @ParameterizedTest
    @ValueSource(strings = {KOMBU53, "[1, 2.5, 9223372036854775808, null, true, {\"a\": [{}]}]",
            "{\"__type__\": \"custom\", \"__value__\": {\"__type__\": \"date\", \"__value__\": \"2024-01-01\"}}",
            "[{\"__type__\": \"decimal\", \"__value__\": 1e20}, " + UUID_HEX + "]"})
    void untypedEqualsTheTreePath(String json) {
        Class<?> container = json.startsWith("[") ? List.class : Map.class; // typed: read as a tree and converted
        assertEquals(comparable(typed(json, container)), comparable(untyped(json)));
    }

    /** Values with byte arrays made comparable, classes kept. */
    private static Object comparable(Object v) {
        if (v instanceof byte[] b) {
            return "bytes" + Arrays.toString(b);
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, comparable(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(comparable(x)));
            return out;
        }
        return v;
    }

    @Test
    void wrappersAreReplacedInPlace() throws Exception {
        ObjectMapper mapper = Json.newMapper();
        Object plain = mapper.readValue("{\"a\": [1, {\"b\": \"c\"}], \"d\": {\"e\": null}}", Object.class);
        Map<?, ?> m = (Map<?, ?>) plain;
        Object a = m.get("a");
        Object d = m.get("d");
        assertSame(plain, KombuJson.unwrap(plain));
        assertSame(a, m.get("a"));
        assertSame(d, m.get("d"));
        Object wrapped = mapper.readValue("{\"a\": [{\"__type__\": \"date\", \"__value__\": \"2024-01-01\"}]}",
                Object.class);
        List<?> list = (List<?>) ((Map<?, ?>) wrapped).get("a");
        assertSame(wrapped, KombuJson.unwrap(wrapped));
        assertSame(list, ((Map<?, ?>) wrapped).get("a"));
        assertEquals(List.of("2024-01-01"), list);
    }

    @Test
    void javaArraysFromAMapperThatReadsThemAreUnwrappedToo() throws Exception {
        JsonSerializer json = new JsonSerializer(Json.newMapper().copy()
                .enable(DeserializationFeature.USE_JAVA_ARRAY_FOR_JSON_ARRAY));
        Object[] a = assertInstanceOf(Object[].class,
                json.decode("[{\"__type__\": \"date\", \"__value__\": \"2024-01-01\"}, 1]".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new Object[] {"2024-01-01", 1}, a);
    }

    @Test
    void deepNestingIsBoundedByJacksonNotTheStack() {
        String wrapper = "{\"__type__\": \"date\", \"__value__\": \"2024-01-01\"}";
        Object v = untyped("[".repeat(900) + wrapper + "]".repeat(900));
        for (int i = 0; i < 900; i++) {
            v = ((List<?>) v).get(0);
        }
        assertEquals("2024-01-01", v);
        DecodeException e = assertThrows(DecodeException.class,
                () -> untyped("[".repeat(100_000) + wrapper + "]".repeat(100_000)));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    }
}
