package dev.warren.amqp;

import dev.warren.amqp.internal.ChannelSession;
import com.rabbitmq.client.Channel;
import dev.warren.BrokerException;
import dev.warren.BrokerSupport;
import dev.warren.Message;
import dev.warren.SessionConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Held acknowledgements on a real broker: what is held is not acknowledged (closing the bare channel gives those
 * messages back to the queue), and a full batch, {@code flushAcks()}, a reject and {@code close()} each send what
 * is held.
 */
class AckBatchIT extends BrokerSupport {

    @Test
    void heldAcksAreSentInFullBatchesOnly() throws Exception {
        String q = filled("held", 10);
        ChannelSession s = batching(4);
        for (Message m : consume(s, q, 10)) {
            m.ack();
        }
        s.channel().close(); // bypasses the session's close, which would send the held two
        assertReady(q, 2, "two multiple-acks of 4 went out; the last 2 acks were held");
    }

    @Test
    void flushSendsTheHeldAcks() throws Exception {
        String q = filled("flush", 10);
        ChannelSession s = batching(4);
        for (Message m : consume(s, q, 10)) {
            m.ack();
        }
        s.flushAcks();
        s.channel().close();
        assertReady(q, 0, "all acknowledged");
    }

    @Test
    void aRejectSendsTheHeldAcksFirst() throws Exception {
        String q = filled("reject", 3);
        ChannelSession s = batching(4);
        List<Message> ms = consume(s, q, 3);
        ms.get(0).ack();
        ms.get(1).ack();
        ms.get(2).reject(); // dropped
        s.channel().close();
        assertReady(q, 0, "the two held acks went out with the reject");
    }

    @Test
    void closeSendsTheHeldAcks() throws Exception {
        String q = filled("close", 3);
        ChannelSession s = batching(4);
        for (Message m : consume(s, q, 3)) {
            m.ack();
        }
        s.close();
        assertReady(q, 0, "all acknowledged");
    }

    @Test
    void aFlushOnABrokenChannelNamesTheHeldTagAndLosesNothing() throws Exception {
        String q = filled("broken", 3);
        ChannelSession s = batching(4);
        List<Message> ms = consume(s, q, 3);
        for (Message m : ms) {
            m.ack();
        }
        s.channel().close(); // the channel is gone with 3 acks held
        BrokerException e = assertThrows(BrokerException.class, s::flushAcks);
        assertTrue(e.getMessage().contains("acknowledge the held deliveries up to tag "
                + ms.get(2).deliveryTag()), e.getMessage());
        assertReady(q, 3, "the broker requeued the messages whose acks were held");
    }

    @Test
    void batchSizeOneAcknowledgesEachMessageAtOnce() throws Exception {
        String q = filled("single", 3);
        ChannelSession s = batching(1);
        for (Message m : consume(s, q, 3)) {
            m.ack();
        }
        s.channel().close();
        assertReady(q, 0, "all acknowledged");
        assertThrows(IllegalArgumentException.class, () -> batching(0));
    }

    private String filled(String base, int n) throws Exception {
        String q = queueName("ackbatch." + base);
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare(q, false, false, false, null);
            for (int i = 0; i < n; i++) {
                ch.basicPublish("", q, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private ChannelSession batching(int size) {
        ChannelSession s = ChannelSession.open(connection, SessionConfig.DEFAULT);
        s.batchAcks(size);
        return s;
    }

    private static List<Message> consume(ChannelSession s, String q, int n) throws InterruptedException {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        s.basicConsume(q, false, s.accept(), got::add);
        List<Message> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Message m = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "delivery " + i + " of " + n);
            ms.add(m);
        }
        return ms;
    }

    /**
     * The broker requeues a closed channel's unacknowledged messages asynchronously: lets that settle, then waits
     * up to 2 s for the count the test expects.
     */
    private static void assertReady(String q, int expected, String why) throws Exception {
        Thread.sleep(200);
        try (Channel ch = connection.createChannel()) {
            int count = ch.queueDeclarePassive(q).getMessageCount();
            for (int i = 0; i < 40 && count != expected; i++) {
                Thread.sleep(50);
                count = ch.queueDeclarePassive(q).getMessageCount();
            }
            assertEquals(expected, count, why);
        }
    }
}
