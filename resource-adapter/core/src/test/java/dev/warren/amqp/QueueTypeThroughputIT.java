package dev.warren.amqp;

import dev.warren.Consumer;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.Exchange;
import dev.warren.Producer;
import dev.warren.Queue;
import dev.warren.QueueType;
import dev.warren.Session;
import dev.warren.SessionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opt-in benchmark (not part of {@code mvn verify}; {@code -Dwarren.bench.queueTypes=true}): quorum against classic
 * queue throughput through Warren on the three-node cluster, in one run. Each round publishes {@value #MESSAGES}
 * messages of ~100 B of JSON with publisher confirms ({@value #PUBLISHERS} threads, one channel each, waiting for
 * every confirm) while one consumer (prefetch 200, one ack per message) drains the queue; the figure is messages
 * per second from the first publish to the last ack. Rounds alternate classic, quorum, classic, ... so drift (other
 * builds on the machine) hits both alike; every queue is declared through node 1 (so both lead there) and deleted
 * after its round. Prints each round and the ratio of the medians.
 */
@EnabledIfSystemProperty(named = "warren.bench.queueTypes", matches = "true")
@ExtendWith(SharedCluster.class)
class QueueTypeThroughputIT {
    private static final int MESSAGES = Integer.getInteger("warren.bench.messages", 20_000);
    private static final int ROUNDS = Integer.getInteger("warren.bench.rounds", 3);
    private static final int PUBLISHERS = 8;

    @Test
    void quorumAgainstClassicThroughput(ClusterNodes cluster) throws Exception {
        BrokerConnections connections = new BrokerConnections();
        try {
            BrokerSettings settings = BrokerSettings.builder().addresses(cluster.addresses()).addressShuffle(false)
                    .connectionName("warren-bench-queue-types").build();
            BrokerConnection out = connections.get(settings, BrokerConnections.Role.OUTBOUND);
            BrokerConnection in = connections.get(settings, BrokerConnections.Role.INBOUND);
            List<Double> classic = new ArrayList<>();
            List<Double> quorum = new ArrayList<>();
            round(out, in, QueueType.CLASSIC); // warm-up, not counted
            for (int r = 0; r < ROUNDS; r++) {
                for (QueueType type : new QueueType[] {QueueType.CLASSIC, QueueType.QUORUM}) {
                    double rate = round(out, in, type);
                    (type == QueueType.CLASSIC ? classic : quorum).add(rate);
                    System.out.printf("QueueTypeThroughputIT: round %d %s: %.0f msg/s%n", r + 1, type.wireName(), rate);
                }
            }
            double c = median(classic);
            double q = median(quorum);
            System.out.printf("QueueTypeThroughputIT: %d messages a round, %d rounds, %d confirmed publishers, 1"
                            + " consumer (prefetch 200, per-message ack): classic median %.0f msg/s %s, quorum median"
                            + " %.0f msg/s %s, quorum/classic %.2f%n", MESSAGES, ROUNDS, PUBLISHERS, c, classic, q,
                    quorum, q / c);
            assertTrue(q > 0 && c > 0);
        } finally {
            connections.closeAll();
        }
    }

    /** @return messages per second from the first publish to the last ack */
    private static double round(BrokerConnection out, BrokerConnection in, QueueType type) throws Exception {
        Queue queue = Queue.builder("warren-bench-" + type.wireName() + "-" + UUID.randomUUID()).queueType(type).build();
        CountDownLatch consumed = new CountDownLatch(MESSAGES);
        AtomicInteger next = new AtomicInteger();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Session consuming = ChannelSession.open(in, SessionConfig.DEFAULT);
             Consumer consumer = consuming.consumer(queue).prefetch(200).callback((body, m) -> {
                 m.ack();
                 consumed.countDown();
             }).consume()) {
            String padding = "x".repeat(80);
            long t0 = System.nanoTime();
            List<Thread> publishers = new ArrayList<>();
            for (int t = 0; t < PUBLISHERS; t++) {
                Thread p = new Thread(() -> {
                    try (Session s = ChannelSession.open(out, SessionConfig.DEFAULT)) {
                        Producer producer = s.producer(Exchange.DEFAULT).routingKey(queue.name())
                                .confirms(Duration.ofSeconds(30));
                        for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                            producer.publish(Map.of("i", i, "p", padding));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "bench-publisher-" + t);
                p.start();
                publishers.add(p);
            }
            for (Thread p : publishers) {
                p.join();
            }
            assertTrue(consumed.await(120, TimeUnit.SECONDS), type + ": all consumed");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(List.of(), errors);
            consumer.cancel();
            consuming.delete(queue);
            return MESSAGES / seconds;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
