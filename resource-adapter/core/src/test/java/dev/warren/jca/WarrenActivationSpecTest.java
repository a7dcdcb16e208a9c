package dev.warren.jca;

import dev.warren.Binding;
import dev.warren.Queue;
import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Activation spec parsing and validation, without a container. */
class WarrenActivationSpecTest {

    private static WarrenActivationSpec spec() {
        WarrenActivationSpec s = new WarrenActivationSpec();
        s.setQueue("feed");
        return s;
    }

    @Test
    void mapsTheDeclarations() throws Exception {
        WarrenActivationSpec s = spec();
        s.setExchange("feed");
        s.setExchangeType("topic");
        s.setRoutingKey("importer, feed.#");
        s.setQueueArguments("x-message-ttl=60000,x-queue-type=quorum");
        s.setConcurrency(3);
        s.setPrefetch(5);
        s.setAckBatchSize(20);
        s.setAccept("json,yaml");
        ActivationConfig c = s.toConfig();
        Queue q = c.queue();
        assertEquals("feed", q.name());
        assertEquals(List.of("importer", "feed.#"), q.bindings().stream().map(Binding::routingKey).toList());
        assertEquals("topic", q.bindings().get(0).exchange().type().wireName());
        assertEquals(Map.of("x-message-ttl", 60000L, "x-queue-type", "quorum"), q.arguments());
        assertEquals(3, c.concurrency());
        assertEquals(5, c.prefetch());
        assertEquals(20, c.ackBatchSize());
        assertEquals(1, spec().toConfig().ackBatchSize(), "each message acknowledged at once by default");
        assertEquals(FailurePolicy.REQUEUE, c.failurePolicy());
        assertTrue(c.accept().entries().contains("yaml"));
    }

    @Test
    void consumerFeaturesBecomeQueueAndConsumeArguments() throws Exception {
        WarrenActivationSpec s = spec();
        s.setQueueArguments("x-queue-type=quorum");
        s.setSingleActiveConsumer(true);
        s.setConsumerPriority(10);
        ActivationConfig c = s.toConfig();
        assertEquals(Map.of("x-queue-type", "quorum", "x-single-active-consumer", true), c.queue().arguments());
        assertEquals(Map.of("x-priority", 10), c.consumerArguments());
        assertEquals(Map.of(), spec().toConfig().consumerArguments(), "priority 0 and no offset send nothing");

        WarrenActivationSpec stream = spec();
        stream.setQueueArguments("x-queue-type=stream");
        stream.setPrefetch(100);
        for (String[] v : new String[][] {{"first", "first"}, {"LAST", "last"}, {" next ", "next"}, {"42", "42"}}) {
            stream.setStreamOffset(v[0]);
            Object expected = v[1].equals("42") ? (Object) 42L : v[1];
            assertEquals(Map.of("x-stream-offset", expected), stream.toConfig().consumerArguments(), v[0]);
        }
        stream.setStreamOffset("2026-12-01T10:00:00.750+01:00");
        assertEquals(Map.of("x-stream-offset", java.util.Date.from(java.time.Instant.parse("2026-12-01T09:00:00Z"))),
                stream.toConfig().consumerArguments(), "a timestamp is an AMQP timestamp in whole seconds");
    }

    @Test
    void aStreamOffsetParsesTheFourFormsAndRefusesTheRest() {
        assertEquals(dev.warren.StreamOffset.FIRST, dev.warren.StreamOffset.parse("First"));
        assertEquals(0L, dev.warren.StreamOffset.parse("0").argumentValue());
        assertEquals("2026-12-01T10:00:00Z", dev.warren.StreamOffset.parse("2026-12-01T10:00:00Z").toString());
        for (String bad : new String[] {"", "begin", "-1", "1e3", "2026-12-01", "2026-13-01T00:00:00Z", "7D"}) {
            dev.warren.WarrenException e = assertThrows(dev.warren.WarrenException.class,
                    () -> dev.warren.StreamOffset.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("Fix: use first, last,"
                    + " next"), e.getMessage());
        }
        assertThrows(dev.warren.WarrenException.class, () -> dev.warren.StreamOffset.offset(-1));
    }

    @Test
    void headersBindingsUseTheBindingArguments() throws Exception {
        WarrenActivationSpec s = spec();
        s.setExchange("docs");
        s.setExchangeType("headers");
        s.setBindingArguments("x-match=all,format=pdf");
        Binding b = s.toConfig().queue().bindings().get(0);
        assertEquals(Map.of("x-match", "all", "format", "pdf"), b.arguments());
    }

    @Test
    void namesThePropertyTheValueAndTheFix() {
        WarrenActivationSpec s = spec();
        s.setPrefetch(-1);
        assertMessage(s, "prefetch='-1'");
        s = spec();
        s.setConcurrency(0);
        assertMessage(s, "concurrency='0'");
        s = spec();
        s.setAckBatchSize(0);
        assertMessage(s, "ackBatchSize='0'");
        s = spec();
        s.setAckBatchSize(null);
        assertMessage(s, "ackBatchSize=(not set)");
        s = spec();
        s.setFailurePolicy("explode");
        assertMessage(s, "failurePolicy='explode'");
        s = spec();
        s.setFailurePolicy("dead-letter");
        assertMessage(s, "deadLetterExchange=(not set)");
        s = spec();
        s.setExchangeType("fanfare");
        assertMessage(s, "exchangeType='fanfare'");
        s = spec();
        s.setQueueArguments("x-message-ttl");
        assertMessage(s, "queueArguments='x-message-ttl'");
        s = spec();
        s.setRoutingKey("k");
        assertMessage(s, "routingKey='k'");
        s = spec();
        s.setUri("http://nope");
        assertMessage(s, "uri='http://nope'");
        assertMessage(new WarrenActivationSpec(), "queue=(not set)");
        s = spec();
        s.setSetupAttempts(0);
        assertMessage(s, "setupAttempts='0'");
        s = spec();
        s.setSetupAttempts(-2);
        assertMessage(s, "setupAttempts='-2'");
        s = spec();
        s.setSetupInterval(10L);
        assertMessage(s, "setupInterval='10'");
        s = spec();
        s.setSetupAttempts(-1);
        s.setSetupInterval(1000L);
        assertDoesNotThrow(s::validate);
    }

    private static void assertMessage(WarrenActivationSpec s, String expected) {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, s::validate);
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("Fix"), e.getMessage());
    }
}
