package dev.warren.jca;

import dev.warren.DecodeException;
import dev.warren.serialization.Accept;
import dev.warren.serialization.EncodedBody;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapterInternalException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter-level codec properties: Java serialization only with an allow-list, the decompression cap. */
class ResourceAdapterCodecTest {

    private static BootstrapContext context() {
        return (BootstrapContext) Proxy.newProxyInstance(BootstrapContext.class.getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (proxy, method, args) -> null);
    }

    @Test
    void javaSerializationIsOffUnlessTheDeployerSetsAnAllowList() throws Exception {
        WarrenResourceAdapter plain = new WarrenResourceAdapter();
        plain.start(context());
        try {
            assertTrue(plain.codec().serializers().byName("java").isEmpty());
        } finally {
            plain.stop();
        }
        WarrenResourceAdapter allowing = new WarrenResourceAdapter();
        allowing.setJavaSerializationAllowList("java.util.ArrayList;java.lang.Integer;java.lang.Number");
        allowing.start(context());
        try {
            List<Integer> list = new ArrayList<>(List.of(1, 2));
            EncodedBody body = allowing.codec().encode(list, "java", null, null, null);
            assertEquals("application/x-java-serialized-object", body.contentType());
            assertEquals(list, allowing.codec().decode(body.body(), body.contentType(), body.contentEncoding(), null,
                    Accept.of("java"), "m"));
            EncodedBody other = allowing.codec().encode(new java.util.LinkedList<>(list), "java", null, null, null);
            DecodeException refused = assertThrows(DecodeException.class, () -> allowing.codec().decode(other.body(),
                    other.contentType(), other.contentEncoding(), null, Accept.of("java"), "message id=x"));
            assertTrue(refused.getMessage().contains("java.util.LinkedList"), refused.getMessage());
        } finally {
            allowing.stop();
        }
    }

    @Test
    void aBadAllowListOrCapFailsTheStartNamingTheProperty() {
        WarrenResourceAdapter wildcard = new WarrenResourceAdapter();
        wildcard.setJavaSerializationAllowList("*");
        ResourceAdapterInternalException e = assertThrows(ResourceAdapterInternalException.class,
                () -> wildcard.start(context()));
        assertTrue(e.getMessage().startsWith("Invalid resource adapter property javaSerializationAllowList='*'"),
                e.getMessage());
        WarrenResourceAdapter zero = new WarrenResourceAdapter();
        zero.setMaxDecompressedSize(0L);
        ResourceAdapterInternalException z = assertThrows(ResourceAdapterInternalException.class,
                () -> zero.start(context()));
        assertTrue(z.getMessage().startsWith("Invalid resource adapter property maxDecompressedSize=0. Fix:"),
                z.getMessage());
    }

    @Test
    void theDecompressionCapIsConfigurable() throws Exception {
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        ra.setMaxDecompressedSize(1000L);
        ra.start(context());
        try {
            assertEquals(1000L, ra.codec().maxDecompressedSize());
            EncodedBody big = ra.codec().encode(new byte[5000], null, null, null, "zlib");
            DecodeException bomb = assertThrows(DecodeException.class, () -> ra.codec().decode(big.body(),
                    big.contentType(), big.contentEncoding(), big.compression(), Accept.DEFAULT, "m"));
            assertTrue(bomb.getMessage().contains("exceeds the limit of 1000 bytes"), bomb.getMessage());
        } finally {
            ra.stop();
        }
    }
}
