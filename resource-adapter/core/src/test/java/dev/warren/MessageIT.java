package dev.warren;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message life cycle and properties against the real broker. */
class MessageIT extends BrokerSupport {

    record VideoJob(String name, long size) {
    }

    @Test
    void getOnEmptyQueueReturnsEmpty() {
        Queue q = session.declare(Queue.named(queueName("empty")));
        assertEquals(Optional.empty(), session.get(q));
        assertEquals(Optional.empty(), q.attach(session).get());
    }

    @Test
    void requeueMakesTheBrokerRedeliverFlaggedRedelivered() throws Exception {
        Queue q = session.declare(Queue.named(queueName("requeue")));
        session.producer(Exchange.DEFAULT).publish(Map.of("n", 1), q.name());
        Message first = poll(session, q).orElseThrow();
        assertFalse(first.redelivered());
        first.requeue();
        assertEquals(Message.State.REQUEUED, first.state());
        Message again = poll(session, q).orElseThrow();
        assertTrue(again.redelivered());
        assertEquals(Map.of("n", 1), again.payload());
        again.ack();
        assertEquals(0, ready(session, q));
    }

    @Test
    void rejectWithoutRequeueRemovesTheMessage() throws Exception {
        Queue q = session.declare(Queue.named(queueName("reject")));
        session.producer(Exchange.DEFAULT).publish("bad", q.name());
        Message m = poll(session, q).orElseThrow();
        m.reject();
        assertEquals(Message.State.REJECTED, m.state());
        Thread.sleep(200); // a wrongly requeued message would be back now
        assertEquals(0, ready(session, q));
        assertEquals(Optional.empty(), session.get(q));
    }

    @Test
    void rejectDeadLettersWhenTheQueueHasADeadLetterExchange() throws Exception {
        Exchange dlx = Exchange.fanout(exchangeName("dlx"));
        Queue dead = session.declare(Queue.of(queueName("dead"), dlx, ""));
        Queue work = session.declare(Queue.builder(queueName("work")).deadLetterExchange(dlx.name()).build());
        session.producer(Exchange.DEFAULT).publish(Map.of("job", 7), work.name());
        poll(session, work).orElseThrow().reject();
        Message deadLettered = poll(session, dead).orElseThrow();
        assertEquals(Map.of("job", 7), deadLettered.payload());
        List<?> death = (List<?>) deadLettered.headers().get("x-death");
        assertEquals("rejected", ((Map<?, ?>) death.get(0)).get("reason"));
        assertEquals(work.name(), ((Map<?, ?>) death.get(0)).get("queue"));
    }

    @Test
    void secondSettleFailsNamingTheState() throws Exception {
        Queue q = session.declare(Queue.named(queueName("twice")));
        session.producer(Exchange.DEFAULT).publish("x", PublishOptions.to(q.name()).messageId("m-42"));
        Message m = poll(session, q).orElseThrow();
        m.ack();
        MessageStateException e = assertThrows(MessageStateException.class, m::ack);
        assertTrue(e.getMessage().startsWith("Cannot ack message id=m-42 (delivery tag "), e.getMessage());
        assertTrue(e.getMessage().contains("message already settled with state: ACKED"), e.getMessage());
        assertThrows(MessageStateException.class, m::reject);
        assertThrows(MessageStateException.class, m::requeue);
        assertTrue(session.isOpen(), "the refused second ack must not reach the broker and close the channel");
    }

    @Test
    void noAckMessageRefusesAck() throws Exception {
        Queue q = session.declare(Queue.named(queueName("noack")));
        session.producer(Exchange.DEFAULT).publish("x", q.name());
        awaitReady(session, q, 1);
        Message m = session.get(q, true).orElseThrow();
        assertEquals(Message.State.AUTO_ACKED, m.state());
        MessageStateException e = assertThrows(MessageStateException.class, m::ack);
        assertTrue(e.getMessage().contains("delivered in no-ack mode"), e.getMessage());
        assertEquals(0, ready(session, q));
    }

    @Test
    void everyPropertyRoundTrips() throws Exception {
        Queue q = session.declare(Queue.builder(queueName("props")).maxPriority(10).build());
        Instant ts = Instant.parse("2026-11-23T10:15:30Z");
        session.producer(Exchange.DEFAULT).publish(Map.of("k", "v"), PublishOptions.to(q.name())
                .headers(Map.of("str", "s", "int", 5, "long", 1L << 40, "bool", true, "nested", Map.of("a", "b"),
                        "list", List.of("x", 2)))
                .priority(7).expiration(Duration.ofMinutes(5)).deliveryMode(DeliveryMode.TRANSIENT)
                .messageId("id-1").correlationId("corr-1").replyTo("replies").timestamp(ts).type("video.job")
                .appId("warren-tests").userId("guest"));
        Message m = poll(session, q).orElseThrow();
        MessageProperties p = m.properties();
        assertEquals("application/json", p.contentType());
        assertEquals("utf-8", p.contentEncoding());
        assertEquals("s", p.header("str"));
        assertEquals(5, p.header("int"));
        assertEquals(1L << 40, p.header("long"));
        assertEquals(true, p.header("bool"));
        assertEquals(Map.of("a", "b"), p.header("nested"));
        assertEquals(List.of("x", 2), p.header("list"));
        assertEquals(7, p.priority());
        assertEquals("300000", p.expiration());
        assertEquals(DeliveryMode.TRANSIENT, p.deliveryMode());
        assertEquals("id-1", p.messageId());
        assertEquals("corr-1", p.correlationId());
        assertEquals("replies", p.replyTo());
        assertEquals(ts, p.timestamp());
        assertEquals("video.job", p.type());
        assertEquals("warren-tests", p.appId());
        assertEquals("guest", p.userId());
        assertNull(p.clusterId());
        assertEquals("", m.deliveryInfo().exchange());
        assertEquals(q.name(), m.deliveryInfo().routingKey());
        assertEquals(q.name(), m.deliveryInfo().queue());
        assertNull(m.deliveryInfo().consumerTag());
        assertTrue(m.deliveryTag() > 0);
        m.ack();
    }

    @Test
    void kombuDefaultsArePersistentPriorityZero() throws Exception {
        Queue q = session.declare(Queue.named(queueName("defaults")));
        session.producer(Exchange.DEFAULT).publish(Map.of(), q.name());
        MessageProperties p = poll(session, q).orElseThrow().properties();
        assertEquals(DeliveryMode.PERSISTENT, p.deliveryMode());
        assertEquals(0, p.priority());
        assertEquals(Map.of(), p.headers());
    }

    @Test
    void payloadConvertsToRecordsAndRawBodyStaysAvailable() throws Exception {
        Queue q = session.declare(Queue.named(queueName("typed")));
        session.producer(Exchange.DEFAULT).publish(new VideoJob("/tmp/lolcat1.avi", 1301013), q.name());
        Message m = poll(session, q).orElseThrow();
        assertEquals(new VideoJob("/tmp/lolcat1.avi", 1301013), m.payload(VideoJob.class));
        assertEquals(Map.of("name", "/tmp/lolcat1.avi", "size", 1301013), m.payload());
        assertEquals("{\"name\":\"/tmp/lolcat1.avi\",\"size\":1301013}", new String(m.body(), StandardCharsets.UTF_8));
        m.ack();
    }

    @Test
    void rawBytesWithContentTypeArriveUntouched() throws Exception {
        Queue q = session.declare(Queue.named(queueName("raw")));
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, (byte) 0x80};
        session.producer(Exchange.DEFAULT).publish(jpeg, PublishOptions.to(q.name()).contentType("image/jpeg")
                .contentEncoding("binary"));
        session.producer(Exchange.DEFAULT).publish(new byte[] {9}, q.name());
        Message m = poll(session, q).orElseThrow();
        assertEquals("image/jpeg", m.contentType());
        assertEquals("binary", m.contentEncoding());
        assertArrayEquals(jpeg, (byte[]) m.payload());
        assertArrayEquals(jpeg, m.body());
        Message data = poll(session, q).orElseThrow();
        assertEquals("application/data", data.contentType());
        assertArrayEquals(new byte[] {9}, (byte[]) data.payload());
    }

    @Test
    void mandatoryUnroutableMessageComesBack() throws Exception {
        Exchange nowhere = session.producer(Exchange.direct(exchangeName("nowhere"))).exchange();
        BlockingQueue<ReturnedMessage> returned = new LinkedBlockingQueue<>();
        try (AutoCloseable registration = session.onReturn(returned::add)) {
            session.producer(nowhere).publish(Map.of("lost", true),
                    PublishOptions.to("no-such-key").mandatory(true).messageId("r-1"));
            ReturnedMessage r = take(returned);
            assertEquals(312, r.replyCode());
            assertEquals("NO_ROUTE", r.replyText());
            assertEquals(nowhere.name(), r.exchange());
            assertEquals("no-such-key", r.routingKey());
            assertEquals(Map.of("lost", true), r.message().payload());
            assertEquals("r-1", r.message().properties().messageId());
            assertThrows(MessageStateException.class, r.message()::ack);
        }
    }
}
