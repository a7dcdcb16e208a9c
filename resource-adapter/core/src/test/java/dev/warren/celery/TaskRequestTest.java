package dev.warren.celery;

import dev.warren.internal.Messages;
import dev.warren.DeliveryInfo;
import dev.warren.Message;
import dev.warren.MessageProperties;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading task protocol v2 and v1, and writing rpc:// replies and eta delay buckets (pure logic). */
class TaskRequestTest {
    static final MessageCodec CODEC = MessageCodec.defaults();
    static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

    static Message received(byte[] body, MessageProperties p) {
        return Messages.received(body, p, new DeliveryInfo("celery", "celery", false, 1, "celery", null), null,
                Message.State.AUTO_ACKED, CODEC, Accept.of("json", "msgpack"));
    }

    static Message received(TaskMessage m) {
        return received(m.body(), m.properties());
    }

    @Test
    void readsWhatTheClientWrites() {
        TaskOptions o = TaskOptions.builder().countdown(Duration.ofSeconds(5)).expiresIn(Duration.ofSeconds(60))
                .retries(1).ignoreResult(true).serializer("msgpack").build();
        TaskMessage m = TaskMessage.v2(CODEC, "java.add", List.of(2, 3), Map.of("k", "v"), o, "reply", "o", NOW,
                List.of(Map.of("task", "java.mul", "args", List.of(4))));
        TaskRequest r = TaskRequest.from(received(m));
        assertEquals(2, r.protocol());
        assertEquals(m.taskId(), r.id());
        assertEquals("java.add", r.task());
        assertEquals(List.of(2, 3), r.args());
        assertEquals(Map.of("k", "v"), r.kwargs());
        assertEquals(NOW.plusSeconds(5), r.eta());
        assertEquals(NOW.plusSeconds(60), r.expires());
        assertEquals(1, r.retries());
        assertEquals(m.taskId(), r.rootId());
        assertTrue(r.ignoreResult());
        assertEquals("reply", r.replyTo());
        assertEquals("java.mul", r.chain().get(0).get("task"));
    }

    @Test
    void readsProtocolV1() {
        String v1 = "{\"task\": \"java.add\", \"id\": \"abc\", \"args\": [1, 2], \"kwargs\": {\"x\": null},"
                + " \"retries\": 0, \"eta\": \"2026-12-02T03:00:05.5+00:00\", \"expires\": null, \"utc\": true}";
        MessageProperties p = new MessageProperties("application/json", "utf-8", Map.of(), null, 0, "abc", "rq",
                null, null, null, null, null, null, null);
        TaskRequest r = TaskRequest.from(received(v1.getBytes(StandardCharsets.UTF_8), p));
        assertEquals(1, r.protocol());
        assertEquals("abc", r.id());
        assertEquals(List.of(1, 2), r.args());
        assertTrue(r.kwargs().containsKey("x"));
        assertEquals(Instant.parse("2026-12-02T03:00:05.500Z"), r.eta());
        assertNull(r.expires());
        assertEquals("rq", r.replyTo());
    }

    @Test
    void somethingElseIsNamedAsNotACeleryTask() {
        MessageProperties p = new MessageProperties("application/json", "utf-8", Map.of(), null, 0, null, null,
                null, null, null, null, null, null, null);
        CeleryException e = assertThrows(CeleryException.class,
                () -> TaskRequest.from(received("{\"hello\": 1}".getBytes(StandardCharsets.UTF_8), p)));
        assertTrue(e.getMessage().contains("Not a Celery task message") && e.getMessage().contains("Fix:"),
                e.getMessage());
        MessageProperties v2 = new MessageProperties("application/json", "utf-8", Map.of("task", "t", "id", "1"),
                null, 0, null, null, null, null, null, null, null, null, null);
        assertThrows(CeleryException.class, () -> TaskRequest.from(received("{}".getBytes(StandardCharsets.UTF_8),
                v2)));
        MessageProperties badEta = new MessageProperties("application/json", "utf-8", Map.of("task", "t", "id", "1",
                "eta", "tomorrow"), null, 0, null, null, null, null, null, null, null, null, null);
        CeleryException eta = assertThrows(CeleryException.class, () -> TaskRequest.from(received(
                "[[], {}, {}]".getBytes(StandardCharsets.UTF_8), badEta)));
        assertTrue(eta.getMessage().contains("'eta'") && eta.getMessage().contains("tomorrow"), eta.getMessage());
    }

    @Test
    void repliesHaveCeleryRpcForm() {
        TaskRequest r = TaskRequest.from(received(TaskMessage.v2(CODEC, "t", List.of(), Map.of(),
                TaskOptions.DEFAULTS, "rq", "o", NOW)));
        TaskReply ok = TaskReply.success(CODEC, r, 5, NOW);
        assertEquals("rq", ok.routingKey());
        assertEquals(r.id(), ok.properties().correlationId());
        Map<?, ?> body = (Map<?, ?>) CODEC.decode(ok.body(), "application/json", "utf-8", null, Accept.DEFAULT, "t");
        assertEquals(r.id(), body.get("task_id"));
        assertEquals("SUCCESS", body.get("status"));
        assertEquals(5, body.get("result"));
        assertEquals(List.of(), body.get("children"));
        TaskReply failed = TaskReply.failure(CODEC, r, new IllegalArgumentException("no"), NOW);
        Map<?, ?> f = (Map<?, ?>) CODEC.decode(failed.body(), "application/json", "utf-8", null, Accept.DEFAULT, "t");
        assertEquals("FAILURE", f.get("status"));
        assertEquals(Map.of("exc_type", "IllegalArgumentException", "exc_message", List.of("no"),
                "exc_module", "java.lang"), f.get("result"));
        assertTrue(f.get("traceback").toString().contains("IllegalArgumentException: no"));
        Map<?, ?> rev = (Map<?, ?>) CODEC.decode(TaskReply.revoked(CODEC, r, "expired", NOW).body(),
                "application/json", "utf-8", null, Accept.DEFAULT, "t");
        assertEquals("REVOKED", rev.get("status"));
        assertEquals(List.of("expired"), ((Map<?, ?>) rev.get("result")).get("exc_message"));
    }

    @Test
    void etaBucketsNeverOvershoot() {
        assertEquals(1, EtaDelay.bucketMillis(Duration.ZERO));
        assertEquals(1024, EtaDelay.bucketMillis(Duration.ofMillis(1500)));
        assertEquals(1024, EtaDelay.bucketMillis(Duration.ofMillis(1024)));
        assertEquals(1L << 29, EtaDelay.bucketMillis(Duration.ofDays(7)));
        var q = EtaDelay.delayQueue("tasks", 1024);
        assertEquals("tasks.warren.eta.1024", q.name());
        assertEquals(1024L, ((Number) q.arguments().get("x-message-ttl")).longValue());
        assertEquals("", q.arguments().get("x-dead-letter-exchange"));
        assertEquals("tasks", q.arguments().get("x-dead-letter-routing-key"));
    }
}
