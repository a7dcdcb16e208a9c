package dev.warren;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exchange, Queue and Binding values: defaults, builders, immutability, not-attached errors. No broker. */
class ValuesTest {

    @Test
    void exchangeDefaultsFollowKombu() {
        Exchange e = Exchange.direct("media");
        assertEquals("media", e.name());
        assertEquals(ExchangeType.DIRECT, e.type());
        assertTrue(e.durable());
        assertFalse(e.autoDelete());
        assertFalse(e.internal());
        assertTrue(e.arguments().isEmpty());
        assertEquals(ExchangeType.TOPIC, Exchange.topic("t").type());
        assertEquals(ExchangeType.FANOUT, Exchange.fanout("f").type());
        assertEquals(ExchangeType.HEADERS, Exchange.headers("h").type());
        assertTrue(Exchange.DEFAULT.isDefault());
    }

    @Test
    void toBuilderMakesChangedCopiesAndLeavesOriginal() {
        Exchange e = Exchange.direct("media");
        Exchange transientCopy = e.toBuilder().durable(false).autoDelete(true)
                .arguments(Map.of("alternate-exchange", "ae")).deliveryMode(DeliveryMode.TRANSIENT).build();
        assertTrue(e.durable());
        assertFalse(transientCopy.durable());
        assertEquals("ae", transientCopy.arguments().get("alternate-exchange"));
        assertNotEquals(e, transientCopy);
        assertThrows(UnsupportedOperationException.class, () -> transientCopy.arguments().put("x", 1));
    }

    @Test
    void builderArgumentsAreCopiedWhenGivenForExchangesAndQueues() {
        Map<String, Object> args = new HashMap<>(Map.of("alternate-exchange", "ae"));
        Exchange.Builder exchange = Exchange.builder("media").arguments(args);
        Queue.Builder queue = Queue.builder("video").arguments(args);
        args.put("alternate-exchange", "changed later");
        assertEquals("ae", exchange.build().arguments().get("alternate-exchange"));
        assertEquals("ae", queue.build().arguments().get("alternate-exchange"));
        assertTrue(Exchange.builder("media").arguments(null).build().arguments().isEmpty());
        assertTrue(Queue.builder("video").arguments(null).build().arguments().isEmpty());
    }

    @Test
    void detachedExchangeOperationsNameTheOperationEntityAndFix() {
        Exchange e = Exchange.direct("media");
        NotAttachedException ex = assertThrows(NotAttachedException.class, e::delete);
        assertEquals("Can't call delete on Exchange 'media'(direct): it is not attached to a session. Fix: use"
                + " entity.attach(session).delete() or session.delete(entity).", ex.getMessage());
        assertThrows(NotAttachedException.class, e::declare);
        assertThrows(NotAttachedException.class, e::declarePassive);
    }

    @Test
    void detachedQueueOperationsFailClearly() {
        Queue q = Queue.named("video");
        for (Runnable op : new Runnable[] {q::declare, q::purge, q::delete, q::get, q::declarePassive}) {
            NotAttachedException ex = assertThrows(NotAttachedException.class, op::run);
            assertTrue(ex.getMessage().contains("on Queue 'video': it is not attached to a session"), ex.getMessage());
        }
    }

    @Test
    void queueBuilderConveniencesSetRabbitArguments() {
        Exchange dlx = Exchange.fanout("dlx");
        Queue q = Queue.builder("jobs")
                .bind(Exchange.direct("work"), "jobs")
                .messageTtl(Duration.ofSeconds(60))
                .expires(Duration.ofMinutes(30))
                .maxLength(1000)
                .maxLengthBytes(1 << 20)
                .maxPriority(10)
                .deadLetterExchange(dlx.name())
                .deadLetterRoutingKey("dead")
                .queueType(QueueType.QUORUM)
                .build();
        assertEquals(60_000L, q.arguments().get("x-message-ttl"));
        assertEquals(1_800_000L, q.arguments().get("x-expires"));
        assertEquals(1000L, q.arguments().get("x-max-length"));
        assertEquals((long) (1 << 20), q.arguments().get("x-max-length-bytes"));
        assertEquals(10, q.arguments().get("x-max-priority"));
        assertEquals("dlx", q.arguments().get("x-dead-letter-exchange"));
        assertEquals("dead", q.arguments().get("x-dead-letter-routing-key"));
        assertEquals("quorum", q.arguments().get("x-queue-type"));
        assertEquals(1, q.bindings().size());
        assertTrue(q.durable());
    }

    @Test
    void headersBindingCarriesXMatch() {
        Binding all = Binding.headers(Exchange.headers("h"), Binding.Match.ALL, Map.of("format", "pdf"));
        assertEquals("all", all.arguments().get("x-match"));
        assertEquals("pdf", all.arguments().get("format"));
        assertEquals("any", Binding.headers(Exchange.headers("h"), Binding.Match.ANY, Map.of()).arguments()
                .get("x-match"));
    }

    @Test
    void parsingBadConfigurationNamesValueAndFix() {
        WarrenException e = assertThrows(WarrenException.class, () -> ExchangeType.parse("topical"));
        assertEquals("Unknown exchange type 'topical'. Fix: use one of direct, fanout, topic, headers.", e.getMessage());
        assertEquals(ExchangeType.HEADERS, ExchangeType.parse(" Headers "));
        assertThrows(WarrenException.class, () -> QueueType.parse("lazy"));
        assertEquals(DeliveryMode.TRANSIENT, DeliveryMode.parse("1"));
        assertThrows(WarrenException.class, () -> DeliveryMode.parse("sometimes"));
    }

    @Test
    void publishOptionsAreImmutableWithers() {
        PublishOptions base = PublishOptions.to("video");
        PublishOptions more = base.serializer("yaml").header("a", 1).priority(3);
        assertEquals("video", more.routingKey());
        assertEquals(null, base.serializer());
        assertTrue(base.headers().isEmpty());
        assertEquals(Map.of("a", 1), more.headers());
        assertThrows(WarrenException.class, () -> base.priority(256));
        assertThrows(WarrenException.class, () -> base.expiration(Duration.ofSeconds(-1)));
        assertThrows(WarrenException.class, () -> base.declare("not an entity"));
    }
}
