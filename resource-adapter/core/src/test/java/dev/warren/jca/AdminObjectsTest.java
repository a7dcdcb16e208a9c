package dev.warren.jca;

import dev.warren.Exchange;
import dev.warren.ExchangeType;
import dev.warren.Queue;
import dev.warren.WarrenException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admin objects, declarations and connection settings, without a container. */
class AdminObjectsTest {

    @Test
    void exchangeDefinitionGivesTheCoreValue() {
        ExchangeDefinition d = new ExchangeDefinition();
        d.setName("media");
        d.setType("topic");
        d.setArguments("alternate-exchange=unrouted");
        Exchange e = d.toExchange();
        assertEquals(Exchange.builder("media").type(ExchangeType.TOPIC)
                .arguments(Map.of("alternate-exchange", "unrouted")).build(), e);
    }

    @Test
    void queueDefinitionParsesBindings() {
        QueueDefinition d = new QueueDefinition();
        d.setName("video");
        d.setBindings("media:video, media:clip");
        d.setArguments("x-max-priority=10");
        Queue q = d.toQueue();
        assertEquals(2, q.bindings().size());
        assertEquals("clip", q.bindings().get(1).routingKey());
        assertEquals(10L, q.arguments().get("x-max-priority"));
        d.setBindings("media");
        WarrenException e = assertThrows(WarrenException.class, d::toQueue);
        assertTrue(e.getMessage().contains("bindings='media'"), e.getMessage());
    }

    @Test
    void queueDefinitionTypeAndSingleActiveConsumerBecomeArguments() {
        QueueDefinition d = new QueueDefinition();
        d.setName("events");
        d.setQueueType(" Stream ");
        assertEquals(Map.of("x-queue-type", "stream"), d.toQueue().arguments());
        d.setQueueType("quorum");
        d.setSingleActiveConsumer(true);
        d.setArguments("x-queue-type=quorum");
        assertEquals(Map.of("x-queue-type", "quorum", "x-single-active-consumer", true), d.toQueue().arguments());
        d.setSingleActiveConsumer(false);
        d.setQueueType(null);
        d.setArguments(null);
        assertEquals(Map.of(), d.toQueue().arguments(), "nothing set: the broker's defaults");
    }

    @Test
    void declarationsParse() {
        List<Object> l = Declarations.parse("exchange media direct; queue video media:video media:clip; queue x");
        assertEquals(Exchange.direct("media"), l.get(0));
        assertEquals(2, ((Queue) l.get(1)).bindings().size());
        assertEquals("x", ((Queue) l.get(2)).name());
        assertThrows(WarrenException.class, () -> Declarations.parse("topic media"));
    }

    @Test
    void settingsNeverShowThePasswordAndOverride() {
        ConnectionSettings base = ConnectionSettings.empty();
        base.setHost("rabbit");
        base.setPassword("s3cret");
        ConnectionSettings o = ConnectionSettings.empty();
        o.setUri("amqp://app:t0psecret@127.0.0.1:5672/%2F");
        o.setConnectionName("orders");
        ConnectionSettings eff = base.overriddenBy(o);
        assertEquals("rabbit", eff.getHost());
        assertEquals("orders", eff.getConnectionName());
        assertFalse(eff.toString().contains("s3cret") || eff.toString().contains("t0psecret"), eff.toString());
        assertEquals("127.0.0.1", eff.toBrokerSettings().endpoints().get(0).host(),
                "the uri wins for the parts it contains");
        assertEquals("app", eff.toBrokerSettings().username());
    }

    @Test
    void managedConnectionFactoryValidates() {
        WarrenManagedConnectionFactory f = new WarrenManagedConnectionFactory();
        f.setDeclarations("queue");
        Exception e = assertThrows(Exception.class, f::validate);
        assertTrue(e.getMessage().contains("declarations"), e.getMessage());
        f.setDeclarations(null);
        f.setPort(70000);
        e = assertThrows(Exception.class, f::validate);
        assertTrue(e.getMessage().contains("port=70000"), e.getMessage());
    }
}
