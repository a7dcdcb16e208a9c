package dev.warren;

import com.rabbitmq.client.Channel;
import dev.warren.amqp.Warren;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java SE {@link Consumer} heals itself by default: after the broker closes its channel (a forced double ack,
 * 406) or cancels it (its queue was deleted), it consumes again on its own — within 5 s (the first repair runs after
 * 1 s) — and no message is lost. Real broker.
 */
class SupervisedConsumerIT extends BrokerSupport {
    private static final long BOUND_MS = 5000;

    @Test
    void aChannelClosedByA406IsReopenedAndConsumingGoesOn() throws Exception {
        Queue queue = Queue.named(queueName("sup-406"));
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean doubled = new AtomicBoolean();
        try (Consumer consumer = session.consumer(queue).prefetch(1).callback((body, m) -> {
            seen.add(body);
            m.ack();
            if (Map.of("i", 3).equals(body) && doubled.compareAndSet(false, true)) {
                Field f = Message.class.getDeclaredField("acknowledger"); // bypass the state check: a real double ack
                f.setAccessible(true);
                ((Acknowledger) f.get(m)).ack(m.deliveryTag());
            }
        }).consume()) {
            Producer producer = session.producer(Exchange.DEFAULT);
            try (Session publisher = Warren.open(connection)) {
                for (int i = 0; i < 10; i++) {
                    publisher.producer(Exchange.DEFAULT).publish(Map.of("i", i), queue.name());
                }
            }
            long t0 = System.currentTimeMillis();
            assertTrue(Await.within(BOUND_MS + 10_000, () -> seen.size() == 10), "every message consumed: " + seen);
            long took = System.currentTimeMillis() - t0;
            assertTrue(doubled.get());
            assertTrue(took < BOUND_MS + 1000, "within the bound: " + took + " ms");
            assertTrue(session.isOpen(), "the session's channel was replaced by an open one");
            assertTrue(consumer.consuming());
            producer.publish(Map.of("i", 10), queue.name()); // the reopened session publishes, too
            assertTrue(Await.within(BOUND_MS, () -> seen.size() == 11));
        }
        assertTrue(Await.within(BOUND_MS, () -> ready(session, queue) == 0), "nothing left");
    }

    @Test
    void aDeletedQueueIsDeclaredAgainAndConsumed() throws Exception {
        Queue queue = Queue.named(queueName("sup-deleted"));
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        try (Consumer consumer = session.consumer(queue).callback((body, m) -> {
            seen.add(body);
            m.ack();
        }).consume(); Session other = Warren.open(connection)) {
            other.producer(Exchange.DEFAULT).publish(Map.of("i", 0), queue.name());
            assertTrue(Await.within(BOUND_MS, () -> seen.size() == 1));
            other.delete(queue); // the broker cancels the consumer
            long t0 = System.currentTimeMillis();
            assertTrue(Await.within(BOUND_MS + 5000, () -> consumers(queue) == 1), "consuming again");
            long took = System.currentTimeMillis() - t0;
            assertTrue(took < BOUND_MS, "within " + BOUND_MS + " ms: " + took);
            other.producer(Exchange.DEFAULT).publish(Map.of("i", 1), queue.name());
            assertTrue(Await.within(BOUND_MS, () -> seen.size() == 2), "consumed after the repair: " + seen);
            assertTrue(consumer.consuming());
        }
    }

    @Test
    void anUnsupervisedConsumerStaysCancelled() throws Exception {
        Queue queue = Queue.named(queueName("sup-off"));
        try (Consumer consumer = session.consumer(queue).supervised(false).callback((body, m) -> m.ack()).consume();
             Session other = Warren.open(connection)) {
            other.delete(queue);
            assertTrue(Await.within(BOUND_MS, () -> !consumer.consuming()), "the cancel is seen");
            Thread.sleep(1500); // longer than the first repair would take: still nothing consumes
            assertFalse(consumer.consuming());
            assertEquals(-1, consumers(queue), "nobody declared the queue again");
        }
    }

    private int consumers(Queue queue) {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive(queue.name()).getConsumerCount();
        } catch (Exception e) {
            return -1;
        }
    }
}
