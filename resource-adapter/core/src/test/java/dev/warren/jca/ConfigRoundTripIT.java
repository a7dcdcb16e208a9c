package dev.warren.jca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import dev.warren.BrokerException;
import dev.warren.BrokerSupport;
import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.Rabbitmqctl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The good forms of the configuration grammar against the real broker: what deployers type reaches RabbitMQ with
 * the types the broker documents, as {@code rabbitmqctl list_queues name arguments --formatter json} reports them
 * (it names each value's AMQP type), and the declared topology routes as configured.
 */
class ConfigRoundTripIT extends BrokerSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void activationQueueArgumentsReachTheBrokerWithTheirDocumentedTypes() throws Exception {
        String name = queueName("typed");
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(name);
        spec.setQueueArguments("x-message-ttl=60000, x-dead-letter-exchange='', x-dead-letter-routing-key=404,"
                + " x-max-priority=10, x-single-active-consumer=true, x-overflow=reject-publish,\u00A0note='a,b',"
                + " retries=5, x-max-length=\u00A01000");
        Queue q = spec.toConfig().queue();
        session.declare(q);

        Map<String, JsonNode> args = brokerArguments("list_queues", name);
        assertTyped(args, "x-message-ttl", "long", "60000");
        assertTyped(args, "x-dead-letter-exchange", "longstr", "");
        assertTyped(args, "x-dead-letter-routing-key", "longstr", "404");
        assertTyped(args, "x-max-priority", "long", "10");
        assertTyped(args, "x-single-active-consumer", "bool", "true");
        assertTyped(args, "x-overflow", "longstr", "reject-publish");
        assertTyped(args, "note", "longstr", "a,b");
        assertTyped(args, "retries", "long", "5");
        assertTyped(args, "x-max-length", "long", "1000");
        assertEquals(9, args.size(), "the quotes are never sent, and nothing else is: " + args);

        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare(name, true, false, false, q.arguments()); // the same typed arguments: equivalent
        }
        Map<String, Object> asInferredBefore = new HashMap<>(q.arguments());
        asInferredBefore.put("x-dead-letter-routing-key", 404L);
        BrokerException e = assertThrows(BrokerException.class,
                () -> session.declare(q.toBuilder().arguments(asInferredBefore).build()));
        assertEquals(406, e.replyCode(), e.getMessage());
        assertTrue(e.getMessage().contains("x-dead-letter-routing-key"), e.getMessage());
    }

    @Test
    void aWronglyTypedArgumentIsExplainedAsSuch() {
        Queue q = Queue.builder(queueName("wrong")).argument("x-dead-letter-exchange", "")
                .argument("x-dead-letter-routing-key", 404L).build();
        BrokerException e = assertThrows(BrokerException.class, () -> session.declare(q));
        assertEquals(406, e.replyCode());
        assertTrue(e.getMessage().contains("refuses the value of argument 'x-dead-letter-routing-key'")
                && e.getMessage().contains("a quoted value is always a string"), e.getMessage());
        assertFalse(e.getMessage().contains("settled twice"), e.getMessage());
    }

    @Test
    void bindingToTheDefaultExchangeIsExplainedAsSuch() {
        Queue q = Queue.builder(queueName("default")).durable(false).bind(Exchange.DEFAULT, "k").build();
        BrokerException e = assertThrows(BrokerException.class, () -> session.declare(q));
        assertEquals(403, e.replyCode());
        assertTrue(e.getMessage().contains("the default exchange ('') cannot be bound to"), e.getMessage());
        assertFalse(e.getMessage().contains("set_permissions"), e.getMessage());
    }

    @Test
    void declarationsBindToATopicExchangeWithItsType() throws Exception {
        String exchange = exchangeName("topic");
        String queue = queueName("topic");
        // the queue comes first: its binding still uses the type the declarations give the exchange
        List<Object> entities = Declarations.parse("queue " + queue + " " + exchange + ":news.#," + exchange
                + ":'alerts,eu' args x-message-ttl=60000; exchange " + exchange + " topic");
        for (Object entity : entities) {
            if (entity instanceof Exchange) {
                session.declare((Exchange) entity);
            } else {
                session.declare((Queue) entity);
            }
        }
        Queue q = (Queue) entities.get(0);
        session.producer((Exchange) entities.get(1)).publish("sport", "news.eu.sport");
        session.producer((Exchange) entities.get(1)).publish("alert", "alerts,eu");
        Message first = poll(session, q).orElseThrow();
        assertEquals("sport", first.payload());
        first.ack();
        Message second = poll(session, q).orElseThrow();
        assertEquals("alert", second.payload(), "a quoted binding key keeps its comma");
        second.ack();
        assertTyped(brokerArguments("list_queues", queue), "x-message-ttl", "long", "60000");
        assertTrue(String.join("\n", Rabbitmqctl.run("list_exchanges", "name", "type")).contains(exchange + "\ttopic"));
    }

    @Test
    void adminObjectsDeclareWhatTheirPropertiesSay() throws Exception {
        String ae = exchangeName("ae");
        String media = exchangeName("media");
        ExchangeDefinition ed = new ExchangeDefinition();
        ed.setName(media);
        ed.setArguments("alternate-exchange=" + ae);
        QueueDefinition qd = new QueueDefinition();
        qd.setName(queueName("video"));
        qd.setBindings(media + ":'video,hd'");
        qd.setArguments("x-max-length=2, x-overflow='reject-publish', x-queue-mode=lazy");
        Exchange ex = ed.toExchange();
        session.declare(ex);
        Queue q = session.declare(qd.toQueue(ex)); // bound to the definition's exchange, arguments included

        assertTyped(brokerArguments("list_exchanges", media), "alternate-exchange", "longstr", ae);
        Map<String, JsonNode> qa = brokerArguments("list_queues", q.name());
        assertTyped(qa, "x-max-length", "long", "2");
        assertTyped(qa, "x-overflow", "longstr", "reject-publish");
        assertTyped(qa, "x-queue-mode", "longstr", "lazy");
        session.producer(ex).publish("clip", PublishOptions.to("video,hd"));
        Message m = poll(session, q).orElseThrow();
        assertEquals("clip", m.payload());
        m.ack();
    }

    private static void assertTyped(Map<String, JsonNode> args, String key, String type, String value) {
        JsonNode a = args.get(key);
        assertTrue(a != null, key + " missing in " + args);
        assertEquals(type, a.get(1).asText(), key + " has type " + a.get(1) + " at the broker");
        assertEquals(value, a.get(2).asText(), key + " value");
    }

    /** @return the entity's arguments as the broker reports them: key -> [key, AMQP type, value] */
    private static Map<String, JsonNode> brokerArguments(String command, String name)
            throws IOException, InterruptedException {
        JsonNode all = JSON.readTree(String.join("\n", Rabbitmqctl.run(command, "name", "arguments",
                "--formatter", "json")));
        for (JsonNode entity : all) {
            if (entity.get("name").asText().equals(name)) {
                Map<String, JsonNode> out = new HashMap<>();
                for (JsonNode arg : entity.get("arguments")) {
                    out.put(arg.get(0).asText(), arg);
                }
                return out;
            }
        }
        throw new AssertionError(name + " is not in rabbitmqctl " + command);
    }
}
