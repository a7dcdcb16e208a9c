package dev.warren.serialization;

import dev.warren.ContentDisallowedException;
import dev.warren.DecodeException;
import dev.warren.EncodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input is a DecodeException naming the content type, the message and the cause. */
class BadInputTest {
    static final String MSG = "message id=m-1 (delivery tag 42, queue 'q')";
    static final Accept ALL = Accept.of("json", "yaml", "msgpack", "pickle", "java", "text", "raw");
    static final MessageCodec CODEC = MessageCodec.builder()
            .serializers(SerializerRegistry.builder().withBuiltIns().withJavaSerialization("java.util.HashMap").build())
            .maxDecompressedSize(1024 * 1024).build();
    /** {@code brotli.compress(b'{"hello": "world"}')} */
    static final byte[] BROTLI_HELLO = Base64.getDecoder().decode("iwiAeyJoZWxsbyI6ICJ3b3JsZCJ9Aw==");
    /** {@code brotli.compress(b'\0' * 4 MiB)} */
    static final byte[] BROTLI_BOMB = Base64.getDecoder().decode("m///P/gnAOKxQCD3/gc=");
    /** {@code pickle.dumps({"a": Evil()}, 4)} where Evil reduces to {@code os.system("echo pwned")} */
    static final byte[] PICKLE_OS_SYSTEM = Base64.getDecoder().decode(
            "gASVLAAAAAAAAAB9lIwBYZSMBXBvc2l4lIwGc3lzdGVtlJOUjAplY2hvIHB3bmVklIWUUpRzLg==");
    /** {@code pickle.dumps(collections.OrderedDict(a=1), 4)} */
    static final byte[] PICKLE_ORDERED_DICT = Base64.getDecoder().decode(
            "gASVKQAAAAAAAACMC2NvbGxlY3Rpb25zlIwLT3JkZXJlZERpY3SUk5QpUpSMAWGUSwFzLg==");

    static DecodeException decodeFails(byte[] body, String ct, String enc, String compression) {
        DecodeException e = assertThrows(DecodeException.class,
                () -> CODEC.decode(body, ct, enc, compression, ALL, MSG));
        assertTrue(e.getMessage().contains(ct), "names the content type: " + e.getMessage());
        assertTrue(e.getMessage().contains("delivery tag 42") && e.getMessage().contains("m-1"),
                "names the message: " + e.getMessage());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/x-yaml", "application/x-msgpack",
            "application/x-python-serialize", "application/x-java-serialized-object"})
    void malformedBodyForEveryContentType(String ct) {
        byte[] garbage = {(byte) 0xc1, '{', '[', ':', '"', 0x7f, (byte) 0x95, 0x01};
        DecodeException e = decodeFails(garbage, ct, ct.endsWith("yaml") || ct.endsWith("json") ? "utf-8" : "binary",
                null);
        assertTrue(e.getCause() != null, "keeps the parser's error as the cause");
    }

    @Test
    void truncatedBodies() {
        byte[] json = "{\"a\": [1, 2".getBytes(StandardCharsets.UTF_8);
        decodeFails(json, "application/json", "utf-8", null);
        byte[] msgpack = CODEC.encode(Map.of("k", "a long string value"), "msgpack", null, null, null).body();
        decodeFails(Arrays.copyOf(msgpack, msgpack.length - 4), "application/x-msgpack", "binary", null);
        byte[] pickle = CODEC.encode(Map.of("k", "a long string value"), "pickle", null, null, null).body();
        decodeFails(Arrays.copyOf(pickle, pickle.length - 4), "application/x-python-serialize", "binary", null);
    }

    @Test
    void msgpackLengthBeyondTheBodyIsRefusedBeforeAllocating() {
        byte[] claims2GiB = {(byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2};
        DecodeException e = decodeFails(claims2GiB, "application/x-msgpack", "binary", null);
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void malformedText() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        decodeFails(latin1, "text/plain", "utf-8", null);
    }

    @Test
    void wrongCharsetForAnUnknownTextType() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        decodeFails(latin1, "application/x-custom", "utf-8", null);
        decodeFails("abc".getBytes(StandardCharsets.US_ASCII), "application/x-custom", "x-no-such-charset", null);
        assertEquals("caf\u00e9", CODEC.decode(latin1, "application/x-custom", "iso-8859-1", null, ALL, MSG));
    }

    @Test
    void textSerializersHonourTheDeclaredCharsetLikeKombu() {
        byte[] latin1Json = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Map.of("name", "caf\u00e9"),
                CODEC.decode(latin1Json, "application/json", "latin-1", null, ALL, MSG));
        assertEquals("caf\u00e9", CODEC.decode("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "text/plain",
                "iso-8859-1", null, ALL, MSG));
        decodeFails(latin1Json, "application/json", "utf-8", null); // declared utf-8, is latin-1
        DecodeException e = decodeFails("{}".getBytes(StandardCharsets.US_ASCII), "application/json", "klingon-8",
                null);
        assertTrue(e.getMessage().contains("klingon-8"), e.getMessage());
        decodeFails(new byte[] {(byte) 0xff, (byte) 0xfe, 'a'}, "application/x-yaml", "us-ascii", null);
    }

    @Test
    void unknownContentTypeIsBytesOrTextLikeKombu() {
        byte[] body = {1, 2, 3};
        assertArrayEquals(body, (byte[]) CODEC.decode(body, "application/x-unknown", "binary", null, Accept.DEFAULT, MSG));
        assertEquals("hi", CODEC.decode("hi".getBytes(StandardCharsets.UTF_8), "application/x-unknown", "utf-8", null,
                Accept.DEFAULT, MSG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "msgpack", "pickle"})
    void typeNotInTheAcceptListIsRefused(String serializer) {
        byte[] body = CODEC.encode(Map.of("a", 1), serializer, null, null, null).body();
        String ct = CODEC.serializers().require(serializer).contentType();
        ContentDisallowedException e = assertThrows(ContentDisallowedException.class,
                () -> CODEC.decode(body, ct, "binary", null, Accept.DEFAULT, MSG));
        assertTrue(e.getMessage().startsWith("Refusing to deserialize untrusted content of type " + serializer
                + " (" + ct + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("delivery tag 42"), e.getMessage());
    }

    @Test
    void unknownCompression() {
        DecodeException e = decodeFails(new byte[] {1}, "application/json", "utf-8", "application/x-snappy");
        assertTrue(e.getMessage().contains("application/x-snappy"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "bzip2", "lzma", "zstd", "brotli"})
    void truncatedAndCorruptCompression(String method) {
        Compressor c = CODEC.compressions().require(method);
        byte[] body = CODEC.encode(Map.of("text", "x".repeat(1000) + "y".repeat(1000)), "json", null, null, method)
                .body();
        DecodeException truncated = decodeFails(Arrays.copyOf(body, body.length / 2), "application/json", "utf-8",
                c.headerValue());
        assertTrue(truncated.getMessage().contains(c.headerValue()), truncated.getMessage());
        byte[] corrupt = body.clone();
        for (int i = body.length / 3; i < body.length; i += 7) {
            corrupt[i] ^= 0x5a;
        }
        decodeFails(corrupt, "application/json", "utf-8", c.headerValue());
        decodeFails("not compressed at all".getBytes(StandardCharsets.UTF_8), "application/json", "utf-8",
                c.headerValue());
    }

    @Test
    void truncatedAndCorruptBrotliFromPython() {
        assertEquals(Map.of("hello", "world"),
                CODEC.decode(BROTLI_HELLO, "application/json", "utf-8", "application/x-brotli", ALL, MSG));
        decodeFails(Arrays.copyOf(BROTLI_HELLO, BROTLI_HELLO.length - 3), "application/json", "utf-8",
                "application/x-brotli");
        decodeFails("not compressed at all".getBytes(StandardCharsets.UTF_8), "application/json", "utf-8",
                "application/x-brotli");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "bzip2", "lzma", "zstd", "brotli"})
    void compressionBombIsRefused(String method) {
        byte[] zeros = new byte[4 * 1024 * 1024];
        byte[] bomb = compress(method, zeros);
        assertTrue(bomb.length < 64 * 1024, "a real bomb: " + bomb.length + " bytes");
        DecodeException e = decodeFails(bomb, "application/data", "binary",
                CODEC.compressions().require(method).headerValue());
        assertTrue(e.getMessage().contains("limit of 1048576 bytes"), e.getMessage());
    }

    private static byte[] compress(String method, byte[] data) {
        try {
            return CODEC.compressions().require(method).compress(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void brotliBombFromPythonIsRefused() {
        DecodeException e = decodeFails(BROTLI_BOMB, "application/data", "binary", "application/x-brotli");
        assertTrue(e.getMessage().contains("limit of 1048576 bytes"), e.getMessage());
    }

    /** A method that can only decode. */
    static final class DecodeOnly implements Compressor {
        @Override
        public String name() {
            return "snappy";
        }

        @Override
        public String headerValue() {
            return "application/x-snappy";
        }

        @Override
        public boolean canCompress() {
            return false;
        }

        @Override
        public byte[] compress(byte[] data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] decompress(byte[] data, long maxSize) {
            return data;
        }
    }

    @Test
    void decodeOnlyCompressionCannotBeEncodedAndSaysWhatCan() {
        MessageCodec codec = MessageCodec.builder()
                .compressions(CompressionRegistry.builder().withBuiltIns().register(new DecodeOnly()).build()).build();
        EncodeException e = assertThrows(EncodeException.class,
                () -> codec.encode(Map.of("a", 1), "json", null, null, "snappy"));
        assertTrue(e.getMessage().contains("zstd") && e.getMessage().contains("brotli"), e.getMessage());
        assertThrows(EncodeException.class, () -> CODEC.encode(Map.of("a", 1), "json", null, null, "lz4"));
    }

    /** Not on the allow-list. */
    static final class Payment implements Serializable {
        private static final long serialVersionUID = 1L;
        final String iban = "DE00";
    }

    @Test
    void javaSerializedClassNotOnTheAllowListIsRefused() {
        byte[] body = CODEC.encode(new Payment(), "java", null, null, null).body();
        DecodeException e = decodeFails(body, JavaSerializer.CONTENT_TYPE, "binary", null);
        assertTrue(e.getMessage().contains("rejected by the allow-list"), e.getMessage());
    }

    @Test
    void javaSerializationIsNotRegisteredByDefaultAndNeedsAnAllowList() {
        assertTrue(SerializerRegistry.defaults().byContentType(JavaSerializer.CONTENT_TYPE).isEmpty());
        assertThrows(dev.warren.WarrenException.class, () -> new JavaSerializer(" "));
        assertThrows(dev.warren.WarrenException.class, () -> new JavaSerializer("*"));
    }

    @Test
    void pickleWithANonAllowedGlobalIsRefused() {
        DecodeException e = decodeFails(PICKLE_OS_SYSTEM, "application/x-python-serialize", "binary", null);
        assertTrue(e.getMessage().contains("refused global 'posix.system'"), e.getMessage());
        DecodeException od = decodeFails(PICKLE_ORDERED_DICT, "application/x-python-serialize", "binary", null);
        assertTrue(od.getMessage().contains("collections.OrderedDict"), od.getMessage());
    }
}
