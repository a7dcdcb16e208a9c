package dev.warren.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.warren.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection's own counts against the shared broker, as the client reports them to {@link ConnectionMonitor}: single
 * acks out of order, a multiple-ack over some of them, a reject, a nack of everything, autoAck deliveries, channels.
 */
class ConnectionMonitorIT {
    private final BrokerConnections connections = new BrokerConnections(true);
    private final String name = "warren-monitor-it-" + UUID.randomUUID();

    @AfterEach
    void close() {
        connections.closeAll();
    }

    @Test
    void everySettledDeliveryCountsOnceWhateverMixOfSingleAndMultipleSettledIt() throws Exception {
        BrokerConnection c = connections.get(BrokerSettings.builder().host("127.0.0.1").port(5672)
                .connectionName(name).build(), BrokerConnections.Role.OUTBOUND);
        long channelsBefore = c.stats().channels();
        Channel ch = c.client().createChannel();
        String queue = ch.queueDeclare("", false, true, false, null).getQueue(); // exclusive, kept across cancels
        publish(ch, queue, 10);
        BlockingQueue<Long> tags = new LinkedBlockingQueue<>();
        ch.basicQos(10);
        String consumer = ch.basicConsume(queue, false, (tag, d) -> tags.add(d.getEnvelope().getDeliveryTag()),
                tag -> { });
        List<Long> got = take(tags, 10);
        ch.basicAck(got.get(4), false); // 5
        ch.basicAck(got.get(1), false); // 2
        ch.basicAck(got.get(7), true); // 1..8: 6 more
        ch.basicReject(got.get(8), false); // 9
        ch.basicNack(0, true, false); // everything left: 10
        ch.basicCancel(consumer);
        publish(ch, queue, 3);
        assertNotNull(ch.basicGet(queue, true), "an autoAck get: consumed, never acked");
        String auto = ch.basicConsume(queue, true, (tag, d) -> tags.add(d.getEnvelope().getDeliveryTag()), tag -> { });
        take(tags, 2); // autoAck deliveries
        ch.basicCancel(auto);
        publish(ch, queue, 1);
        GetResponse last = ch.basicGet(queue, false);
        assertNotNull(last);
        ch.basicAck(last.getEnvelope().getDeliveryTag(), true); // multiple: only this one was unsettled
        ConnectionStats s = awaitStats(c, 14, 9, 2);
        assertEquals(List.of(14L, 9L, 2L), List.of(s.consumed(), s.acked(), s.rejected()),
                "consumed (10 + 1 get + 2 autoAck + 1 get), acked (8 + 1), rejected (9 and 10): " + s);
        assertEquals(channelsBefore + 1, s.channels(), "this test's channel is open: " + s);
        ch.close();
        assertTrue(Await.within(10_000, () -> c.stats().channels() == channelsBefore), "closed: " + c.stats());
    }

    @Test
    void everyConfirmedPublishCountsOnceWhenTheBrokerConfirmsSeveralAtOnce() throws Exception {
        BrokerConnection c = connections.get(BrokerSettings.builder().host("127.0.0.1").port(5672)
                .connectionName(name).build(), BrokerConnections.Role.OUTBOUND);
        Channel ch = c.client().createChannel();
        String queue = ch.queueDeclare("", false, true, false, null).getQueue();
        ch.confirmSelect();
        java.util.concurrent.atomic.AtomicInteger multiples = new java.util.concurrent.atomic.AtomicInteger();
        ch.addConfirmListener((tag, multiple) -> {
            if (multiple) {
                multiples.incrementAndGet();
            }
        }, (tag, multiple) -> { });
        publish(ch, queue, 2000); // a burst: the broker confirms several publishes with one multiple ack
        ch.waitForConfirmsOrDie(10_000);
        assertTrue(Await.within(10_000, () -> c.stats().confirmed() >= 2000), "confirmed: " + c.stats());
        assertEquals(List.of(2000L, 2000L, 0L), List.of(c.stats().published(), c.stats().confirmed(),
                c.stats().nacked()), "published, confirmed, nacked (" + multiples + " multiple confirms among them)");
        ch.close();
    }

    private static void publish(Channel ch, String queue, int count) throws java.io.IOException {
        for (int i = 1; i <= count; i++) {
            ch.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<Long> take(BlockingQueue<Long> tags, int count) throws InterruptedException {
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Long t = tags.poll(10, TimeUnit.SECONDS);
            assertNotNull(t, "delivery " + (i + 1) + " of " + count);
            got.add(t);
        }
        return got;
    }

    private static ConnectionStats awaitStats(BrokerConnection c, long consumed, long acked, long rejected)
            throws Exception {
        Await.within(10_000, () -> {
            ConnectionStats s = c.stats();
            return s.consumed() >= consumed && s.acked() >= acked && s.rejected() >= rejected;
        });
        return c.stats();
    }
}
