package dev.warren;

import dev.warren.amqp.Warren;
import dev.warren.serialization.Accept;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Producers and consumers as the kombu seeds use them, including subclassing and failure handling. */
class ProducerConsumerIT extends BrokerSupport {

    /** The seeds' FeedProducer: class-level exchange and routing key, a domain method. */
    static class FeedProducer extends Producer {
        FeedProducer(Session session, Exchange feed) {
            super(session, feed, "importer");
        }

        void importFeed(String url) {
            publish(Map.of("import_feed", url));
        }
    }

    /** The seeds' FeedConsumer: overrides receive(body, message). */
    static class FeedConsumer extends Consumer {
        final BlockingQueue<String> printed = new LinkedBlockingQueue<>();

        FeedConsumer(Session session, Queue feed) {
            super(session, feed);
        }

        @Override
        protected void receive(Object body, Message message) {
            printed.add("Got feed import message for: " + ((Map<?, ?>) body).get("import_feed"));
            message.ack();
        }
    }

    @Test
    void feedProducerAndFeedConsumerSubclasses() throws Exception {
        Exchange feed = Exchange.direct(exchangeName("feed"));
        Queue queue = Queue.of(queueName("feed"), feed, "importer");
        try (FeedConsumer consumer = new FeedConsumer(session, queue)) {
            consumer.accept(Accept.of("yaml")); // in place too: a json body would now be refused
            consumer.consume();
            FeedProducer producer = new FeedProducer(session, feed);
            producer.serializer("yaml"); // in place: still a FeedProducer, and the setting is not lost
            producer.importFeed("http://cnn.com/rss");
            assertEquals("Got feed import message for: http://cnn.com/rss", take(consumer.printed));
        }
        assertEquals(0, ready(session, queue));
    }

    @Test
    void producerSerializerAndPerMessageOverrides() throws Exception {
        Queue q = session.declare(Queue.named(queueName("ser")));
        Producer text = session.producer(Exchange.DEFAULT).routingKey(q.name()).serializer("text");
        text.publish(42);
        text.publish(Map.of("a", 1), PublishOptions.NONE.serializer("json"));
        Message first = poll(session, q).orElseThrow();
        assertEquals("text/plain", first.contentType());
        assertEquals("42", first.payload());
        Message second = poll(session, q).orElseThrow();
        assertEquals("application/json", second.contentType());
        assertEquals(Map.of("a", 1), second.payload());
        assertThrows(EncodeException.class, () -> session.producer(Exchange.DEFAULT).serializer("nope"));
    }

    @Test
    void compressionSetsKombuHeaderAndDecodesTransparently() throws Exception {
        Queue q = session.declare(Queue.named(queueName("zlib")));
        session.producer(Exchange.DEFAULT).compression("zlib").publish(Map.of("text", "abc".repeat(500)), q.name());
        Message m = poll(session, q).orElseThrow();
        assertEquals("application/x-gzip", m.headers().get("compression"));
        assertTrue(m.body().length < 100);
        assertEquals(Map.of("text", "abc".repeat(500)), m.payload());
    }

    @Test
    void declareOptionDeclaresBeforePublishing() throws Exception {
        Exchange ex = Exchange.direct(exchangeName("decl"));
        Queue q = Queue.of(queueName("decl"), ex, "k");
        session.producer(ex).publish("first", PublishOptions.to("k").declare(q));
        assertEquals("first", poll(session, q).orElseThrow().payload());
    }

    @Test
    void rawMessageHookSkipsDecoding() throws Exception {
        Queue q = Queue.named(queueName("raw"));
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        try (Consumer c = session.consumer(q).onMessage(got::add).consume()) {
            session.producer(Exchange.DEFAULT).publish("not json".getBytes(), PublishOptions.to(q.name())
                    .contentType("application/json"));
            Message m = take(got);
            assertEquals("not json", new String(m.body()));
            assertTrue(m.deliveryInfo().consumerTag().startsWith("amq.ctag-"));
            m.ack();
        }
    }

    @Test
    void decodeErrorRejectsToDeadLetterAndConsumerKeepsGoing() throws Exception {
        Exchange dlx = Exchange.fanout(exchangeName("dlx"));
        Queue dead = session.declare(Queue.of(queueName("dead"), dlx, ""));
        Queue q = Queue.builder(queueName("bad")).deadLetterExchange(dlx.name()).build();
        BlockingQueue<Object> good = new LinkedBlockingQueue<>();
        try (Session consuming = Warren.open(connection);
             Consumer c = consuming.consumer(q).callback((body, m) -> {
                 good.add(body);
                 m.ack();
             }).consume()) {
            Producer p = session.producer(Exchange.DEFAULT);
            p.publish("{broken".getBytes(), PublishOptions.to(q.name()).contentType("application/json").messageId("bad-1"));
            p.publish(Map.of("ok", true), q.name());
            assertEquals(Map.of("ok", true), take(good));
            Message deadLettered = poll(session, dead).orElseThrow();
            assertEquals("bad-1", deadLettered.properties().messageId());
            assertEquals("{broken", new String(deadLettered.body()));
            assertTrue(c.consuming());
        }
    }

    @Test
    void customDecodeErrorHandlerSeesTheMessageAndTheError() throws Exception {
        Queue q = Queue.named(queueName("handler"));
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        try (Consumer c = session.consumer(q).accept(Accept.of("text"))
                .callback((body, m) -> m.ack())
                .onDecodeError((m, e) -> {
                    errors.add(e.getMessage());
                    m.reject();
                }).consume()) {
            session.producer(Exchange.DEFAULT).publish(Map.of("a", 1), q.name());
            String error = take(errors);
            assertTrue(error.startsWith("Refusing to deserialize untrusted content of type json (application/json)"),
                    error);
        }
    }

    @Test
    void callbackExceptionRejectsAndLaterMessagesFlow() throws Exception {
        Queue q = Queue.named(queueName("throws"));
        List<Object> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch two = new CountDownLatch(2);
        try (Consumer c = session.consumer(q).callback((body, m) -> {
            seen.add(body);
            two.countDown();
            if ("poison".equals(body)) {
                throw new IllegalStateException("cannot process poison");
            }
            m.ack();
        }).consume()) {
            session.producer(Exchange.DEFAULT).publish("poison", q.name());
            session.producer(Exchange.DEFAULT).publish("fine", q.name());
            assertTrue(two.await(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("poison", "fine"), seen);
        assertEquals(0, ready(session, q), "the poison message was rejected, not requeued forever");
    }

    @Test
    void consumerWithoutCallbacksRejectsWithAClearReason() throws Exception {
        Queue q = Queue.named(queueName("nocb"));
        BlockingQueue<Exception> errors = new LinkedBlockingQueue<>();
        try (Consumer c = session.consumer(q).onError((m, e) -> {
            errors.add(e);
            m.reject();
        }).consume()) {
            session.producer(Exchange.DEFAULT).publish("x", q.name());
            assertTrue(take(errors).getMessage().startsWith("No callbacks registered on the consumer of ["));
        }
    }

    @Test
    void prefetchLimitsUnacknowledgedDeliveries() throws Exception {
        Queue q = session.declare(Queue.named(queueName("qos")));
        for (int i = 0; i < 10; i++) {
            session.producer(Exchange.DEFAULT).publish(i, q.name());
        }
        BlockingQueue<Message> held = new LinkedBlockingQueue<>();
        try (Session consuming = Warren.open(connection);
             Consumer c = consuming.consumer(q).prefetch(3).callback((body, m) -> held.add(m)).consume()) {
            await(() -> held.size() >= 3, () -> "3 deliveries (got " + held.size() + ")");
            Thread.sleep(300); // a fourth delivery beyond the prefetch would show up now
            assertEquals(3, held.size(), "only the prefetch count is delivered before acks");
            take(held).ack();
            await(() -> held.size() >= 3, () -> "one more delivery after an ack (held " + held.size() + ")");
            Thread.sleep(300); // a second one would show up now
            assertEquals(3, held.size(), "one ack lets exactly one more through");
            assertThrows(IllegalStateException.class, () -> c.prefetch(5));
        }
    }

    @Test
    void noAckConsumerNeedsNoSettling() throws Exception {
        Queue q = Queue.named(queueName("noack"));
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        try (Consumer c = session.consumer(q).noAck(true).callback((b, m) -> got.add(m)).consume()) {
            session.producer(Exchange.DEFAULT).publish("x", q.name());
            assertEquals(Message.State.AUTO_ACKED, take(got).state());
        }
        assertEquals(0, ready(session, q));
    }

    @Test
    void cancelStopsDeliveryAndRecoverRedelivers() throws Exception {
        Queue q = Queue.named(queueName("cancel"));
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        Consumer c = session.consumer(q).callback((b, m) -> got.add(m)).consume();
        session.producer(Exchange.DEFAULT).publish("one", q.name());
        Message unacked = take(got);
        assertFalse(unacked.redelivered());
        c.recover(true);
        Message redelivered = take(got);
        assertTrue(redelivered.redelivered());
        redelivered.ack();
        c.cancel();
        assertFalse(c.consuming());
        session.producer(Exchange.DEFAULT).publish("two", q.name());
        Thread.sleep(300); // a delivery after cancel would show up now
        assertTrue(got.isEmpty(), "no delivery after cancel");
        assertEquals(1, ready(session, q));
    }
}
