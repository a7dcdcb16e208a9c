package dev.warren;

import dev.warren.amqp.Warren;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Declaring, inspecting and removing entities, and the errors the broker's refusals become. */
class DeclarationIT extends BrokerSupport {

    @Test
    void declaringAQueueDeclaresItsExchangesThenQueueThenBindings() throws Exception {
        Exchange a = Exchange.direct(exchangeName("a"));
        Exchange b = Exchange.topic(exchangeName("b"));
        Queue q = session.declare(Queue.builder(queueName("multi")).bind(a, "k1").bind(b, "x.#").build());
        session.declarePassive(a);
        session.declarePassive(b);
        session.producer(a).publish("via a", "k1");
        session.producer(b).publish("via b", "x.y.z");
        assertEquals("via a", poll(session, q).orElseThrow().payload());
        assertEquals("via b", poll(session, q).orElseThrow().payload());
    }

    @Test
    void attachingToASessionReturnsAnAttachedCopyAndLeavesTheValueDetached() throws Exception {
        Exchange value = Exchange.fanout(exchangeName("attached"));
        Exchange attached = value.attach(session);
        assertNotSame(value, attached);
        assertTrue(attached.isAttached());
        assertFalse(value.isAttached());
        assertEquals(value, attached, "equality ignores the session");
        attached.declare().declarePassive();
        assertThrows(NotAttachedException.class, value::delete);
        attached.delete();
        BrokerException gone = assertThrows(BrokerException.class, () -> session.declarePassive(value));
        assertEquals(404, gone.replyCode());
    }

    @Test
    void attachedQueueOperations() throws Exception {
        Exchange ex = Exchange.direct(exchangeName("ops"));
        Queue q = Queue.of(queueName("ops"), ex, "k").attach(session).declare();
        session.producer(ex).publish("1", "k");
        session.producer(ex).publish("2", "k");
        awaitReady(session, q, 2);
        QueueInfo info = q.declarePassive();
        assertEquals(q.name(), info.name());
        assertEquals(2, info.messageCount());
        assertEquals(0, info.consumerCount());
        assertEquals(2, q.purge());
        q.deleteBinding(q.bindings().get(0));
        session.producer(ex).publish("3", "k");
        Thread.sleep(200); // a message wrongly still routed would be counted now
        assertEquals(0, q.declarePassive().messageCount(), "after deleteBinding the key no longer routes to the queue");
        q.declareBinding(Binding.of(ex, "k2"));
        session.producer(ex).publish("4", "k2");
        awaitReady(session, q, 1);
        q.delete();
        assertThrows(BrokerException.class, () -> Warren.open(connection).declarePassive(q));
    }

    @Test
    void serverNamedQueueGetsItsGeneratedName() {
        Queue q = session.declare(Queue.builder("").exclusive(true).autoDelete(true).durable(false).build());
        assertTrue(q.name().startsWith("amq.gen-"), q.name());
        assertEquals(q.name(), session.declarePassive(q).name());
    }

    @Test
    void passiveDeclareOfMissingQueueSaysNotFoundAndHowToFix() {
        String name = queueName("missing");
        BrokerException e = assertThrows(BrokerException.class, () -> session.declarePassive(Queue.named(name)));
        assertEquals(404, e.replyCode());
        assertTrue(e.channelClosed());
        assertTrue(e.getMessage().startsWith("Cannot passively declare Queue '" + name + "': the broker says"
                + " NOT_FOUND - no queue '" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: declare the entity first"), e.getMessage());
        assertFalse(session.isOpen());
    }

    @Test
    void redeclaringWithDifferentArgumentsNamesQueueArgumentAndValues() {
        String name = queueName("conflict");
        session.declare(Queue.builder(name).durable(true).build());
        try (Session other = Warren.open(connection)) {
            BrokerException e = assertThrows(BrokerException.class,
                    () -> other.declare(Queue.builder(name).durable(false).build()));
            assertEquals(406, e.replyCode());
            assertTrue(e.getMessage().contains("Fix: the queue '" + name + "' already exists with argument 'durable'"
                    + " = 'true', but this declaration has 'false'"), e.getMessage());
        }
        try (Session other = Warren.open(connection)) {
            BrokerException e = assertThrows(BrokerException.class,
                    () -> other.declare(Queue.builder(name).maxLength(5).build()));
            assertTrue(e.getMessage().contains("argument 'x-max-length'"), e.getMessage());
        }
    }

    @Test
    void redeclaringAnExchangeWithAnotherTypeIsRefusedClearly() {
        String name = exchangeName("typed");
        session.declare(Exchange.direct(name));
        try (Session other = Warren.open(connection)) {
            BrokerException e = assertThrows(BrokerException.class, () -> other.declare(Exchange.topic(name)));
            assertTrue(e.getMessage().contains("the exchange '" + name + "' already exists with argument 'type'"),
                    e.getMessage());
        }
    }

    @Test
    void declarationsAreRememberedPerSession() {
        Exchange e = Exchange.direct(exchangeName("cached"));
        session.declare(e);
        try (Session other = Warren.open(connection)) {
            other.delete(e);
        }
        session.declare(e);
        BrokerException gone = assertThrows(BrokerException.class, () -> session.declarePassive(e));
        assertEquals(404, gone.replyCode(), "the second declare was skipped as already declared on this session");
    }

    @Test
    void queueArgumentsReachTheBroker() throws Exception {
        Queue q = session.declare(Queue.builder(queueName("prio")).maxPriority(10).build());
        Producer p = session.producer(Exchange.DEFAULT);
        p.publish("low", PublishOptions.to(q.name()).priority(1));
        p.publish("high", PublishOptions.to(q.name()).priority(9));
        awaitReady(session, q, 2);
        assertEquals("high", session.get(q).orElseThrow().payload(), "x-max-priority makes priority 9 go first");
        Queue quorum = session.declare(Queue.builder(queueName("quorum")).queueType(QueueType.QUORUM).build());
        session.producer(Exchange.DEFAULT).publish(Map.of("q", 1), quorum.name());
        Message m = poll(session, quorum).orElseThrow();
        m.requeue();
        Message again = poll(session, quorum).orElseThrow();
        assertEquals(1L, ((Number) again.headers().get("x-delivery-count")).longValue());
    }
}
