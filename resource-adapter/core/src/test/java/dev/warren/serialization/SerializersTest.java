package dev.warren.serialization;

import dev.warren.ContentDisallowedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry, wire values and round trips of every serializer and compression, without a broker. */
class SerializersTest {
    static final MessageCodec CODEC = MessageCodec.defaults();
    static final Accept ALL = Accept.of("json", "yaml", "msgpack", "pickle", "reversed");

    @Test
    void builtInsUseKombusWireValues() {
        SerializerRegistry r = SerializerRegistry.defaults();
        assertWire(r, "json", "application/json", "utf-8");
        assertWire(r, "yaml", "application/x-yaml", "utf-8");
        assertWire(r, "msgpack", "application/x-msgpack", "binary");
        assertWire(r, "pickle", "application/x-python-serialize", "binary");
        assertWire(r, "text", "text/plain", "utf-8");
        assertWire(r, "raw", "application/data", "binary");
        CompressionRegistry c = CompressionRegistry.defaults();
        assertEquals("application/x-gzip", c.require("zlib").headerValue());
        assertEquals("application/x-gzip", c.require("gzip").headerValue());
        assertEquals("application/x-bz2", c.require("bzip2").headerValue());
        assertEquals("application/x-bz2", c.require("bzip").headerValue());
        assertEquals("application/x-lzma", c.require("lzma").headerValue());
        assertEquals("application/x-lzma", c.require("xz").headerValue());
        assertEquals("application/zstd", c.require("zstd").headerValue());
        assertEquals("application/zstd", c.require("zstandard").headerValue());
        assertEquals("application/x-brotli", c.require("brotli").headerValue());
    }

    private static void assertWire(SerializerRegistry r, String name, String ct, String enc) {
        Serializer s = r.require(name);
        assertEquals(ct, s.contentType());
        assertEquals(enc, s.contentEncoding());
        assertEquals(s, r.byContentType(ct).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "yaml", "msgpack", "pickle"})
    void roundTripsThroughEveryCompression(String serializer) {
        Object value = Payloads.publishValue(serializer);
        for (String comp : new String[] {null, "zlib", "bzip2", "lzma", "zstd", "brotli"}) {
            EncodedBody e = CODEC.encode(value, serializer, null, null, comp);
            Object back = CODEC.decode(e.body(), e.contentType(), e.contentEncoding(), e.compression(), ALL, "test");
            Object want = Payloads.publishValue(serializer);
            if (!serializer.equals("pickle")) { // only pickle keeps dates as dates
                @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) want;
                m.replaceAll((k, v) -> v instanceof java.time.temporal.Temporal ? v.toString() : v);
            }
            assertEquals(Payloads.normal(want), Payloads.normal(back), serializer + "/" + comp);
        }
    }

    @Test
    void msgpackKeepsBytesAndStringsApart() {
        byte[] body = CODEC.encode(Map.of("b", new byte[] {1, 2}, "s", "12"), "msgpack", null, null, null).body();
        Map<?, ?> back = (Map<?, ?>) CODEC.decode(body, "application/x-msgpack", "binary", null, ALL, "t");
        assertArrayEquals(new byte[] {1, 2}, (byte[]) back.get("b"));
        assertEquals("12", back.get("s"));
        assertTrue(new String(body, StandardCharsets.ISO_8859_1).contains("\u00c4\u0002"), "bin 8 header");
    }

    @Test
    void msgpackUint64AndOverflow() {
        BigInteger max = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
        byte[] body = CODEC.encode(List.of(max), "msgpack", null, null, null).body();
        assertEquals(List.of(max), CODEC.decode(body, "application/x-msgpack", "binary", null, ALL, "t"));
        assertThrows(dev.warren.EncodeException.class,
                () -> CODEC.encode(List.of(max.add(BigInteger.ONE)), "msgpack", null, null, null));
    }

    @Test
    void jsonReadsKombu53TypeWrappersAsKombu52Values() {
        String kombu53 = "{\"when\": {\"__type__\": \"datetime\", \"__value__\": \"2024-02-29T13:45:30.123456\"},"
                + " \"day\": {\"__type__\": \"date\", \"__value__\": \"2024-02-29\"},"
                + " \"at\": {\"__type__\": \"time\", \"__value__\": \"13:45:30\"},"
                + " \"price\": {\"__type__\": \"decimal\", \"__value__\": \"12.50\"},"
                + " \"id\": {\"__type__\": \"uuid\", \"__value__\": \"6f1c1a7e-3f0a-4c55-9d0b-0a4e6c1b2d3e\"},"
                + " \"id2\": {\"__type__\": \"uuid\", \"__value__\": {\"hex\": \"6f1c1a7e3f0a4c559d0b0a4e6c1b2d3e\", \"version\": 4}},"
                + " \"raw\": {\"__type__\": \"bytes\", \"__value__\": \"caf\u00e9\"},"
                + " \"b64\": {\"__type__\": \"base64\", \"__value__\": \"AP8=\"},"
                + " \"list\": [{\"__type__\": \"date\", \"__value__\": \"2024-03-01\"}],"
                + " \"other\": {\"__type__\": \"custom\", \"__value__\": 1},"
                + " \"nested\": {\"at\": [[{\"__type__\": \"decimal\", \"__value__\": 1.25}],"
                + " {\"k\": {\"__type__\": \"uuid\", \"__value__\": \"6f1c1a7e-3f0a-4c55-9d0b-0a4e6c1b2d3e\"}}]},"
                + " \"big\": 18446744073709551617, \"emoji\": \"\\ud83d\\ude00\"}";
        Map<?, ?> m = (Map<?, ?>) CODEC.decode(kombu53.getBytes(StandardCharsets.UTF_8), "application/json", "utf-8",
                null, Accept.DEFAULT, "t");
        assertEquals("2024-02-29T13:45:30.123456", m.get("when"));
        assertEquals("2024-02-29", m.get("day"));
        assertEquals("13:45:30", m.get("at"));
        assertEquals(new BigDecimal("12.50"), m.get("price"));
        assertEquals("6f1c1a7e-3f0a-4c55-9d0b-0a4e6c1b2d3e", m.get("id"));
        assertEquals(Map.of("__type__", "custom", "__value__", 1), m.get("other"));
        assertEquals("6f1c1a7e-3f0a-4c55-9d0b-0a4e6c1b2d3e", m.get("id2"));
        assertArrayEquals("caf\u00e9".getBytes(StandardCharsets.UTF_8), (byte[]) m.get("raw"));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) m.get("b64"));
        assertEquals(List.of("2024-03-01"), m.get("list"));
        assertEquals(Map.of("at", List.of(List.of(new BigDecimal("1.25")),
                Map.of("k", "6f1c1a7e-3f0a-4c55-9d0b-0a4e6c1b2d3e"))), m.get("nested"));
        assertEquals(new BigInteger("18446744073709551617"), m.get("big"));
        assertEquals("\uD83D\uDE00", m.get("emoji"));
        Typed t = CODEC.decode(kombu53.getBytes(StandardCharsets.UTF_8), "application/json", "utf-8", null,
                Accept.DEFAULT, "t", Typed.class);
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000), t.when());
        assertEquals(LocalDate.of(2024, 2, 29), t.day());
        assertEquals(new BigDecimal("12.50"), t.price());
        assertEquals(UUID.fromString("6f1c1a7e-3f0a-4c55-9d0b-0a4e6c1b2d3e"), t.id());
    }

    /** Typed view of the kombu 5.3 message. */
    record Typed(LocalDateTime when, LocalDate day, BigDecimal price, UUID id) {
    }

    /** Typed view of PyYAML timestamps. */
    record YamlDates(LocalDateTime when, OffsetDateTime whenTz, LocalDate day) {
    }

    @Test
    void yamlTimestampsFromPyYamlDecodeIntoJavaTimeFields() {
        byte[] pyyaml = "day: 2024-02-29\nwhen: 2024-02-29 13:45:30.123456\nwhen_tz: 2024-02-29 13:45:30+05:30\n"
                .replace("when_tz", "whenTz").getBytes(StandardCharsets.UTF_8);
        Map<?, ?> plain = (Map<?, ?>) CODEC.decode(pyyaml, "application/x-yaml", "utf-8", null, ALL, "t");
        assertEquals("2024-02-29 13:45:30.123456", plain.get("when"));
        YamlDates typed = CODEC.decode(pyyaml, "application/x-yaml", "utf-8", null, ALL, "t", YamlDates.class);
        assertEquals(Payloads.DT, typed.when());
        assertEquals(OffsetDateTime.parse("2024-02-29T13:45:30+05:30"), typed.whenTz());
        assertEquals(Payloads.DAY, typed.day());
    }

    @Test
    void pickleDecodesDatesToJavaTime() {
        byte[] body = CODEC.encode(Map.of("when", Payloads.DT_TZ, "day", Payloads.DAY), "pickle", null, null, null)
                .body();
        Map<?, ?> m = (Map<?, ?>) CODEC.decode(body, "application/x-python-serialize", "binary", null, ALL, "t");
        assertInstanceOf(OffsetDateTime.class, m.get("when"));
        assertEquals(Payloads.DT_TZ, m.get("when"));
        assertEquals(Payloads.DAY, m.get("day"));
    }

    @Test
    void customSerializerFromServiceLoaderIsSelectableByName() {
        Serializer s = SerializerRegistry.defaults().require("reversed");
        assertInstanceOf(ReversedTextSerializer.class, s);
        EncodedBody e = CODEC.encode("abc", "reversed", null, null, null);
        assertEquals("application/x-reversed", e.contentType());
        assertEquals("cba", new String(e.body(), StandardCharsets.UTF_8));
        assertEquals("abc", CODEC.decode(e.body(), e.contentType(), e.contentEncoding(), null, ALL, "t"));
        assertThrows(ContentDisallowedException.class,
                () -> CODEC.decode(e.body(), e.contentType(), e.contentEncoding(), null, Accept.DEFAULT, "t"));
    }

    @Test
    void customSerializerRegisteredProgrammatically() {
        SerializerRegistry r = SerializerRegistry.builder().withBuiltIns()
                .register(new ReversedTextSerializer(), "rev").build();
        MessageCodec codec = MessageCodec.builder().serializers(r).defaultSerializer("rev").build();
        EncodedBody e = codec.encode(Map.of("k", 1), null, null, null, null);
        assertEquals("application/x-reversed", e.contentType());
    }

    @Test
    void javaSerializationWithAnAllowList() {
        MessageCodec codec = MessageCodec.builder().serializers(SerializerRegistry.builder().withBuiltIns()
                .withJavaSerialization("java.util.ArrayList;java.lang.Integer;java.lang.Number").build()).build();
        EncodedBody e = codec.encode(new java.util.ArrayList<>(List.of(1, 2)), "java", null, null, "zstd");
        assertEquals(JavaSerializer.CONTENT_TYPE, e.contentType());
        assertEquals(List.of(1, 2), codec.decode(e.body(), e.contentType(), e.contentEncoding(), e.compression(),
                Accept.of("java"), "t"));
        assertThrows(ContentDisallowedException.class, () -> codec.decode(e.body(), e.contentType(),
                e.contentEncoding(), e.compression(), Accept.DEFAULT, "t"));
    }

    @Test
    void yamlFloatsAreYaml11Floats() {
        assertEquals("1.5e+300", Yaml11FloatSerializer.format(1.5e300));
        assertEquals("-2.5e-300", Yaml11FloatSerializer.format(-2.5e-300));
        assertEquals("3.5", Yaml11FloatSerializer.format(3.5));
        assertEquals(".inf", Yaml11FloatSerializer.format(Double.POSITIVE_INFINITY));
        assertEquals(".nan", Yaml11FloatSerializer.format(Double.NaN));
    }

    @Test
    void yamlDoesNotInstantiateTaggedClasses() {
        byte[] body = "a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"
                .getBytes(StandardCharsets.UTF_8);
        Object v;
        try {
            v = CODEC.decode(body, "application/x-yaml", "utf-8", null, ALL, "t");
        } catch (dev.warren.DecodeException refused) {
            return; // refused is fine too
        }
        assertTrue(v instanceof Map, String.valueOf(v));
        assertTrue(String.valueOf(v).contains("http://x"), "data only: " + v);
    }
}
