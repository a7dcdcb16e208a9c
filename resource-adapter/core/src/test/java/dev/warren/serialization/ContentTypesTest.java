package dev.warren.serialization;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Content-type and name normalisation, and its no-allocation fast path. */
class ContentTypesTest {

    @Test
    void baseTypeReturnsCanonicalInputItself() {
        String json = new String("application/json"); // not the interned constant
        assertSame(json, ContentTypes.baseType(json));
        String vendor = new String("application/vnd.kombu+json-1.0");
        assertSame(vendor, ContentTypes.baseType(vendor));
        assertSame("", ContentTypes.baseType(""));
    }

    @Test
    void baseTypeCutsParametersTrimsAndLowerCases() {
        assertEquals("application/json", ContentTypes.baseType("Application/JSON; charset=utf-8"));
        assertEquals("application/json", ContentTypes.baseType("application/json;charset=utf-8"));
        assertEquals("text/plain", ContentTypes.baseType(" text/plain "));
        assertEquals("text/plain", ContentTypes.baseType("\ttext/plain\n"));
        assertEquals("application/json", ContentTypes.baseType("application/json ; q=1"));
        assertEquals("", ContentTypes.baseType("; charset=utf-8"));
        assertEquals("application/x-\u00e4", ContentTypes.baseType("application/x-\u00c4"));
        assertEquals("application/x-\u00e4", ContentTypes.baseType("application/x-\u00e4"));
    }

    @Test
    void receivedBaseTypeFollowsKombuDefaultsAndAnswersJsonWithTheConstant() {
        assertSame(ContentTypes.APPLICATION_JSON, ContentTypes.receivedBaseType(new String("application/json")));
        assertSame(ContentTypes.APPLICATION_DATA, ContentTypes.receivedBaseType(null));
        assertSame(ContentTypes.APPLICATION_DATA, ContentTypes.receivedBaseType(" \t"));
        assertSame(ContentTypes.APPLICATION_DATA, ContentTypes.receivedBaseType(""));
        assertEquals("application/json", ContentTypes.receivedBaseType("Application/JSON; charset=utf-8"));
        assertEquals("application/x-yaml", ContentTypes.receivedBaseType("application/x-yaml"));
    }

    @Test
    void receivedEncodingDefaultsToUtf8AndNormalizesTheRest() {
        assertSame(ContentTypes.UTF_8, ContentTypes.receivedEncoding(new String("utf-8")));
        assertSame(ContentTypes.UTF_8, ContentTypes.receivedEncoding(null));
        assertSame(ContentTypes.UTF_8, ContentTypes.receivedEncoding("  "));
        assertEquals("utf-8", ContentTypes.receivedEncoding(" UTF-8"));
        assertEquals("binary", ContentTypes.receivedEncoding("Binary"));
        assertEquals("latin-1", ContentTypes.receivedEncoding("latin-1"));
    }

    @Test
    void normalizeTrimsAndLowerCasesUnlessAlreadyCanonical() {
        String utf8 = new String("utf-8");
        assertSame(utf8, ContentTypes.normalize(utf8));
        assertEquals("utf-8", ContentTypes.normalize(" UTF-8 "));
        assertEquals("latin-1", ContentTypes.normalize("Latin-1"));
        assertEquals("a;b", ContentTypes.normalize("a;b"), "parameters are not cut");
        assertEquals("", ContentTypes.normalize("  "));
        assertEquals("caf\u00e9", ContentTypes.normalize("CAF\u00c9"));
    }

    @Test
    void upperCaseNamesAndTypesStillMatch() {
        Serializer json = SerializerRegistry.defaults().require("json");
        assertTrue(Accept.of("JSON").allows(json));
        assertTrue(Accept.of(" Application/Json ").allows(json));
        assertFalse(Accept.of("yaml").allows(json));
        Serializer shouting = new Serializer() {
            @Override
            public String name() {
                return "Rev";
            }

            @Override
            public String contentType() {
                return "Application/X-Rev; charset=utf-8";
            }

            @Override
            public String contentEncoding() {
                return "utf-8";
            }

            @Override
            public byte[] encode(Object value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object decode(byte[] body) {
                throw new UnsupportedOperationException();
            }
        };
        assertTrue(Accept.of("rev").allows(shouting));
        assertTrue(Accept.of("application/x-rev").allows(shouting));
        assertFalse(Accept.of("json").allows(shouting));
        SerializerRegistry r = SerializerRegistry.builder().register(shouting, " REVERSED ").build();
        assertSame(shouting, r.byName("REV").orElseThrow());
        assertSame(shouting, r.byName("reversed").orElseThrow());
        assertSame(shouting, r.byContentType("application/x-rev").orElseThrow());
        assertEquals(Map.of("k", "v"), MessageCodec.defaults().decode("{\"k\":\"v\"}".getBytes(), " APPLICATION/JSON ",
                " UTF-8 ", null, Accept.DEFAULT, "m"));
    }
}
