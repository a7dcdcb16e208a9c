package dev.warren.serialization;

import dev.warren.ContentDisallowedException;
import dev.warren.DecodeException;
import dev.warren.EncodeException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kombu's body rules, the accept list and decode errors, without a broker. */
class MessageCodecTest {
    private final MessageCodec codec = MessageCodec.defaults();

    record Video(String name, long size) {
    }

    @Test
    void bytesWithoutSerializerGoAsApplicationData() {
        EncodedBody b = codec.encode(new byte[] {1, 2, 3}, null, null, null, null);
        assertEquals("application/data", b.contentType());
        assertEquals("binary", b.contentEncoding());
        assertArrayEquals(new byte[] {1, 2, 3}, b.body());
        assertNull(b.compression());
    }

    @Test
    void stringWithoutSerializerGoesAsTextPlain() {
        EncodedBody b = codec.encode("héllo 🐇", null, null, null, null);
        assertEquals("text/plain", b.contentType());
        assertEquals("utf-8", b.contentEncoding());
        assertEquals("héllo 🐇", new String(b.body(), StandardCharsets.UTF_8));
    }

    @Test
    void structuredValuesGoThroughJsonByDefault() {
        EncodedBody b = codec.encode(Map.of("name", "/tmp/lolcat1.avi"), null, null, null, null);
        assertEquals("application/json", b.contentType());
        assertEquals("utf-8", b.contentEncoding());
        assertEquals("{\"name\":\"/tmp/lolcat1.avi\"}", new String(b.body(), StandardCharsets.UTF_8));
    }

    @Test
    void namedSerializerAppliesEvenToStrings() {
        EncodedBody b = codec.encode("x", "json", null, null, null);
        assertEquals("\"x\"", new String(b.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", b.contentType());
    }

    @Test
    void explicitContentTypeSendsBodyAsIs() {
        EncodedBody png = codec.encode(new byte[] {(byte) 0x89, 'P'}, null, "image/png", null, null);
        assertEquals("image/png", png.contentType());
        assertEquals("binary", png.contentEncoding());
        EncodedBody csv = codec.encode("a,b", null, "text/csv", "latin-1", null);
        assertEquals("latin-1", csv.contentEncoding());
        EncodeException e = assertThrows(EncodeException.class,
                () -> codec.encode(Map.of(), null, "image/png", null, null));
        assertTrue(e.getMessage().contains("must be byte[] or String, not java.util"), e.getMessage());
    }

    @Test
    void unknownSerializerNamesTheRegisteredOnes() {
        EncodeException e = assertThrows(EncodeException.class, () -> codec.encode(1, "protobuf", null, null, null));
        assertTrue(e.getMessage().startsWith("No serializer named 'protobuf' is registered (registered: json, text, raw"),
                e.getMessage());
    }

    @Test
    void jsonDecodesToPlainValuesAndRecords() {
        byte[] body = "{\"name\":\"a.avi\",\"size\":1301013,\"big\":18446744073709551616,\"tags\":[1,2.5,null,true]}"
                .getBytes(StandardCharsets.UTF_8);
        Object plain = codec.decode(body, "application/json", "utf-8", null, Accept.DEFAULT, "test message");
        Map<?, ?> map = assertInstanceOf(Map.class, plain);
        assertEquals(1301013, map.get("size"));
        assertEquals(new BigInteger("18446744073709551616"), map.get("big"));
        assertEquals(java.util.Arrays.asList(1, 2.5, null, true), map.get("tags"));
        Video v = codec.decode(body, "application/json; charset=utf-8", "utf-8", null, Accept.DEFAULT, "m", Video.class);
        assertEquals(new Video("a.avi", 1301013), v);
    }

    @Test
    void refusedContentUsesKombusWords() {
        SerializerRegistry withFake = SerializerRegistry.defaults().toBuilder().register(new Serializer() {
            public String name() {
                return "pickle";
            }

            public String contentType() {
                return "application/x-python-serialize";
            }

            public String contentEncoding() {
                return "binary";
            }

            public byte[] encode(Object value) {
                return new byte[0];
            }

            public Object decode(byte[] body) {
                throw new AssertionError("must not be called");
            }
        }).build();
        MessageCodec c = MessageCodec.builder().serializers(withFake).build();
        ContentDisallowedException e = assertThrows(ContentDisallowedException.class, () -> c.decode(new byte[] {1},
                "application/x-python-serialize", "binary", null, Accept.DEFAULT, "message id=42 (delivery tag 7)"));
        assertEquals("Refusing to deserialize untrusted content of type pickle (application/x-python-serialize) in"
                + " message id=42 (delivery tag 7). Fix: add 'pickle' to the accept list if this producer is trusted.",
                e.getMessage());
        assertEquals(List.of(1), c.decode(new byte[] {'[', '1', ']'}, "application/json", "utf-8", null,
                Accept.of("pickle", "json"), "m"));
        assertThrows(ContentDisallowedException.class, () -> c.decode(new byte[] {'[', ']'}, "application/json",
                "utf-8", null, Accept.of("pickle"), "m"));
    }

    @Test
    void acceptListRefusesJsonWhenOnlyYamlIsAccepted() {
        assertThrows(ContentDisallowedException.class, () -> codec.decode("{}".getBytes(StandardCharsets.UTF_8),
                "application/json", "utf-8", null, Accept.of("yaml"), "m"));
        assertEquals(Map.of(), codec.decode("{}".getBytes(StandardCharsets.UTF_8), "application/json", "utf-8", null,
                Accept.of("application/json"), "m"));
    }

    @Test
    void unknownContentTypesComeBackAsTextOrBytes() {
        assertEquals("a,b", codec.decode("a,b".getBytes(StandardCharsets.UTF_8), "text/csv", "utf-8", null,
                Accept.DEFAULT, "m"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) codec.decode(new byte[] {1, 2}, "image/png", "binary", null,
                Accept.DEFAULT, "m"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) codec.decode(new byte[] {1, 2}, null, "binary", null,
                Accept.DEFAULT, "m"));
    }

    @Test
    void malformedJsonNamesContentTypeMessageAndCause() {
        DecodeException e = assertThrows(DecodeException.class, () -> codec.decode("{\"a\":".getBytes(
                StandardCharsets.UTF_8), "application/json", "utf-8", null, Accept.DEFAULT, "message id=m1 (delivery tag 3)"));
        assertTrue(e.getMessage().startsWith("Cannot decode message id=m1 (delivery tag 3) of content type"
                + " 'application/json' (encoding 'utf-8'): "), e.getMessage());
        assertTrue(e.getMessage().contains("JsonEOFException"), e.getMessage());
    }

    @Test
    void invalidUtf8TextIsAnErrorNotReplacementCharacters() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        DecodeException e = assertThrows(DecodeException.class,
                () -> codec.decode(latin1, "text/plain", "utf-8", null, Accept.DEFAULT, "m"));
        assertTrue(e.getMessage().contains("text/plain"), e.getMessage());
        assertEquals("café", codec.decode(latin1, "text/csv", "iso-8859-1", null, Accept.DEFAULT, "m"));
        DecodeException unknown = assertThrows(DecodeException.class,
                () -> codec.decode(latin1, "text/csv", "klingon-8", null, Accept.DEFAULT, "m"));
        assertTrue(unknown.getMessage().contains("unknown content encoding 'klingon-8'"), unknown.getMessage());
    }

    @Test
    void zlibRoundTripsAndSetsKombusHeader() {
        EncodedBody b = codec.encode(Map.of("k", "v".repeat(1000)), null, null, null, "zlib");
        assertEquals("application/x-gzip", b.compression());
        assertTrue(b.body().length < 200);
        assertEquals(Map.of("k", "v".repeat(1000)), codec.decode(b.body(), b.contentType(), b.contentEncoding(),
                b.compression(), Accept.DEFAULT, "m"));
        assertEquals("application/x-gzip", codec.encode("x", null, null, null, "gzip").compression());
    }

    @Test
    void corruptAndOversizedCompressionAreDecodeErrors() {
        EncodedBody b = codec.encode(new byte[1_000_000], null, null, null, "zlib");
        byte[] truncated = java.util.Arrays.copyOf(b.body(), b.body().length / 2);
        DecodeException t = assertThrows(DecodeException.class, () -> codec.decode(truncated, b.contentType(),
                b.contentEncoding(), b.compression(), Accept.DEFAULT, "message (delivery tag 9)"));
        assertTrue(t.getMessage().startsWith("Cannot decompress message (delivery tag 9) of content type"
                + " 'application/data' with zlib (application/x-gzip)"), t.getMessage());
        MessageCodec small = MessageCodec.builder().maxDecompressedSize(1000).build();
        DecodeException bomb = assertThrows(DecodeException.class, () -> small.decode(b.body(), b.contentType(),
                b.contentEncoding(), b.compression(), Accept.DEFAULT, "m"));
        assertTrue(bomb.getMessage().contains("exceeds the limit of 1000 bytes"), bomb.getMessage());
        DecodeException unknown = assertThrows(DecodeException.class, () -> codec.decode(b.body(), "application/data",
                "binary", "application/x-snappy", Accept.DEFAULT, "m"));
        assertTrue(unknown.getMessage().startsWith("Unknown compression 'application/x-snappy'"), unknown.getMessage());
    }
}
