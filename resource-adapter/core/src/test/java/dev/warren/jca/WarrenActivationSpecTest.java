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
