package dev.warren.celery;

import dev.warren.DeliveryMode;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol v2 layout Warren writes (pure logic; CeleryInteropIT proves a real worker reads it). */
class TaskMessageTest {
    static final MessageCodec CODEC = MessageCodec.defaults();
    static final Instant NOW = Instant.parse("2026-12-02T03:00:00.123456Z");

    @Test
    void defaultsFollowCelery() {
        TaskMessage m = TaskMessage.v2(CODEC, "tasks.add", List.of(2, 3), Map.of(), TaskOptions.DEFAULTS, "reply.q",
                "gen1@host", NOW);
        assertEquals("celery", m.exchange());
        assertEquals("celery", m.routingKey());
        Map<String, Object> h = m.properties().headers();
        assertEquals("py", h.get("lang"));
        assertEquals("tasks.add", h.get("task"));
        assertEquals(m.taskId(), h.get("id"));
        assertEquals(m.taskId(), h.get("root_id"));
        assertNull(h.get("parent_id"));
        assertTrue(h.containsKey("group") && h.containsKey("eta") && h.containsKey("expires"));
        assertEquals(0, h.get("retries"));
        assertEquals(Arrays.asList(null, null), h.get("timelimit"));
        assertEquals("(2, 3)", h.get("argsrepr"));
        assertEquals("{}", h.get("kwargsrepr"));
        assertEquals("gen1@host", h.get("origin"));
        assertEquals(false, h.get("ignore_result"));
        assertEquals(m.taskId(), m.properties().correlationId());
        assertEquals("reply.q", m.properties().replyTo());
        assertEquals("application/json", m.properties().contentType());
        assertEquals("utf-8", m.properties().contentEncoding());
        assertEquals(DeliveryMode.PERSISTENT, m.properties().deliveryMode());
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("callbacks", null);
        embed.put("errbacks", null);
        embed.put("chain", null);
        embed.put("chord", null);
        assertEquals(List.of(List.of(2, 3), Map.of(), embed), decode(m));
    }

    @Test
    void optionsLandInTheirHeaders() {
        TaskOptions o = TaskOptions.builder().queue("q1").countdown(Duration.ofSeconds(10))
                .expiresIn(Duration.ofMinutes(1)).priority(7).retries(3).timeLimit(Duration.ofSeconds(30))
                .softTimeLimit(Duration.ofMillis(2500)).ignoreResult(true).taskId("id-1").parentId("p").rootId("r")
                .build();
        TaskMessage m = TaskMessage.v2(CODEC, "t", List.of("x"), Map.of("k", true), o, null, "o", NOW);
        Map<String, Object> h = m.properties().headers();
        assertEquals("q1", m.exchange());
        assertEquals("q1", m.routingKey());
        assertEquals("2026-12-02T03:00:10.123456+00:00", h.get("eta"));
        assertEquals("2026-12-02T03:01:00.123456+00:00", h.get("expires"));
        assertEquals(7, m.properties().priority());
        assertEquals(3, h.get("retries"));
        assertEquals(List.of(30L, 2.5), h.get("timelimit"), "[hard, soft] as the worker reads it");
        assertEquals(true, h.get("ignore_result"));
        assertEquals("id-1", h.get("id"));
        assertEquals("p", h.get("parent_id"));
        assertEquals("r", h.get("root_id"));
        assertEquals("('x',)", h.get("argsrepr"));
        assertEquals("{'k': True}", h.get("kwargsrepr"));
        assertEquals("", m.properties().replyTo());
    }

    @Test
    void explicitRouteWinsOverTheQueue() {
        TaskOptions o = TaskOptions.builder().queue("q").exchange("").routingKey("direct.q").build();
        TaskMessage m = TaskMessage.v2(CODEC, "t", List.of(), Map.of(), o, null, "o", NOW);
        assertEquals("", m.exchange());
        assertEquals("direct.q", m.routingKey());
        assertTrue(!o.routedByQueue());
    }

    @Test
    void serializerAndCompressionSetContentTypeAndHeader() {
        TaskOptions o = TaskOptions.builder().serializer("msgpack").compression("zlib").build();
        TaskMessage m = TaskMessage.v2(CODEC, "t", List.of(1), Map.of(), o, null, "o", NOW);
        assertEquals("application/x-msgpack", m.properties().contentType());
        assertEquals("binary", m.properties().contentEncoding());
        assertEquals("application/x-gzip", m.properties().headers().get("compression"));
        assertEquals(List.of(1), ((List<?>) decode(m)).get(0));
    }

    @Test
    void reprIsPythons() {
        assertEquals("()", PyRepr.args(List.of()));
        assertEquals("(None, True, \"it's\", 'a\\'\"b', [1, 2])",
                PyRepr.args(Arrays.asList(null, true, "it's", "a'\"b", List.of(1, 2))));
        assertEquals("{'a': [1, 'b\\n']}", PyRepr.of(Map.of("a", List.of(1, "b\n"))));
        assertEquals(PyRepr.MAX_SIZE, PyRepr.of("x".repeat(5000)).length());
    }

    @Test
    void badOptionsNameTheFix() {
        CeleryException e = assertThrows(CeleryException.class, () -> TaskOptions.builder().priority(300));
        assertTrue(e.getMessage().contains("0–255"), e.getMessage());
        assertThrows(CeleryException.class, () -> TaskOptions.builder().countdown(Duration.ofSeconds(-1)));
        assertThrows(CeleryException.class, () -> TaskOptions.builder().timeLimit(Duration.ZERO));
        assertThrows(CeleryException.class, () -> TaskOptions.builder().queue(" "));
        assertThrows(CeleryException.class, () -> TaskMessage.v2(CODEC, "", List.of(), Map.of(),
                TaskOptions.DEFAULTS, null, "o", NOW));
    }

    private static Object decode(TaskMessage m) {
        Object c = m.properties().headers().get("compression");
        return CODEC.decode(m.body(), m.properties().contentType(), m.properties().contentEncoding(),
                c == null ? null : c.toString(), Accept.of("json", "msgpack"), "test");
    }
}
