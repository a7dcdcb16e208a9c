package dev.warren.jca;

import dev.warren.Binding;
import dev.warren.Exchange;
import dev.warren.ExchangeType;
import dev.warren.Queue;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The good forms of the configuration grammar, parsed into typed values (no broker: see ConfigRoundTripIT). */
class ConfigGrammarTest {

    @Test
    void documentedArgumentsAreTypedByNameAndCustomOnesByInference() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("x-dead-letter-exchange", "");
        expected.put("x-dead-letter-routing-key", "404");
        expected.put("x-message-ttl", 60000L);
        expected.put("x-single-active-consumer", true);
        expected.put("x-max-age", "7D");
        expected.put("retries", 5L);
        expected.put("enabled", false);
        expected.put("zone", "eu-1");
        expected.put("code", "007");
        assertEquals(expected, Arguments.parse("queueArguments", "x-dead-letter-exchange='', x-dead-letter-routing-key=404,"
                + " x-message-ttl=60000, x-single-active-consumer=TRUE, x-max-age=7D, retries=5, enabled=false,"
                + " zone=eu-1, code='007'"));
    }

    @Test
    void theReadmeExampleMeansWhatTheReadmeSays() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("x-queue-type", "quorum");
        expected.put("x-delivery-limit", 5L);
        expected.put("x-dead-letter-exchange", "");
        expected.put("x-dead-letter-routing-key", "404");
        expected.put("tag", "eu,west");
        assertEquals(expected, Arguments.parseQueue("queueArguments", null, "x-queue-type=quorum, x-delivery-limit=5,"
                + " x-dead-letter-exchange='', x-dead-letter-routing-key=404, tag='eu,west'"));
    }

    @Test
    void aQuotedValueIsAStringThatMayHoldCommasQuotesAndEquals() {
        assertEquals(Map.of("x-dead-letter-exchange", "dlx", "note", "a,b=c", "who", "it's", "q", "say \"hi\""),
                Arguments.parse("arguments", "x-dead-letter-exchange='dlx', note=\"a,b=c\", who='it''s',"
                        + " q='say \"hi\"'"));
    }

    @Test
    void unicodeWhitespaceIsTrimmed() {
        assertEquals(Map.of("x-message-ttl", 60000L, "x-queue-type", "quorum"),
                Arguments.parse("queueArguments", "\u00A0x-message-ttl\u00A0=\u2007 60000\u202F,\u3000x-queue-type=quorum\u200B"));
        WarrenActivationSpec s = new WarrenActivationSpec();
        s.setQueue("\u00A0feed\u00A0");
        s.setExchange("feed\u00A0");
        s.setExchangeType("topic\u00A0");
        s.setRoutingKey("a.#,\u00A0'b,c'");
        Queue q = toQueue(s);
        assertEquals("feed", q.name());
        assertEquals(List.of("a.#", "b,c"), q.bindings().stream().map(Binding::routingKey).toList());
        assertEquals("feed", q.bindings().get(0).exchange().name());
    }

    @Test
    void declarationsBindWithTheDeclaredExchangeType() {
        List<Object> l = Declarations.parse("queue q t:a.#,t:b.* args x-message-ttl=60000, note='a;b';"
                + " exchange t topic args alternate-exchange=unrouted; queue 'x:y' other:k");
        Exchange t = Exchange.builder("t").type(ExchangeType.TOPIC).arguments(Map.of("alternate-exchange", "unrouted"))
                .build();
        Queue q = (Queue) l.get(0);
        assertEquals(2, q.bindings().size(), "a:x,a:y in one word are two bindings");
        assertEquals(t, q.bindings().get(0).exchange(), "bound with the type the declarations give the exchange");
        assertEquals("b.*", q.bindings().get(1).routingKey());
        assertEquals(Map.of("x-message-ttl", 60000L, "note", "a;b"), q.arguments());
        assertEquals(t, l.get(1));
        Queue xy = (Queue) l.get(2);
        assertEquals("x:y", xy.name(), "a quoted queue name may hold ':'");
        assertEquals(Exchange.direct("other"), xy.bindings().get(0).exchange(), "undeclared exchanges are direct");
    }

    @Test
    void queueDefinitionBindingsMayQuoteAKey() {
        QueueDefinition d = new QueueDefinition();
        d.setName("video");
        d.setBindings("media:'a,b', media:");
        d.setBindingExchangeType("fanout");
        Queue q = d.toQueue();
        assertEquals(List.of("a,b", ""), q.bindings().stream().map(Binding::routingKey).toList());
        assertEquals(ExchangeType.FANOUT, q.bindings().get(0).exchange().type());
    }

    private static Queue toQueue(WarrenActivationSpec s) {
        try {
            return s.toConfig().queue();
        } catch (Exception e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
