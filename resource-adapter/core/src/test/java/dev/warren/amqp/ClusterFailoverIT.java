package dev.warren.amqp;

import dev.warren.amqp.internal.ChannelSession;
import dev.warren.Consumer;
import dev.warren.Exchange;
import dev.warren.Producer;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.QueueType;
import dev.warren.Session;
import dev.warren.SessionConfig;
import dev.warren.StreamOffset;
import dev.warren.WarrenException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Warren on a three-node RabbitMQ cluster ({@code deployment/scripts/rabbit-cluster.sh}, the module's
 * {@link SharedCluster}, healed before the next test after one that stops or kills a node): failover of a
 * confirmed publisher and a consumer on a quorum queue with nothing lost, and a stream queue read from an offset
 * (also the typed {@code streamOffset} and its refusals of noAck and prefetch 0).
 *
 * <p>Connections go through the adapter's own path ({@link BrokerSettings} with the three {@code addresses},
 * {@link BrokerConnections}, default {@code networkRecoveryInterval} of 5 s) and the sessions use
 * {@link SessionConfig#DEFAULT}, so publishes retry with {@link dev.warren.RetryPolicy#DEFAULT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedCluster.class)
class ClusterFailoverIT {
    private static final int MIN_MESSAGES = 20_000;
    private static final int RATE = 1_250;
    private static final int PUBLISHER_THREADS = 32;
    private static final Duration RESUME_BOUND = Duration.ofSeconds(45);

    private static ClusterNodes cluster;
    private static BrokerConnections connections;

    @BeforeAll
    static void connect(ClusterNodes shared) {
        cluster = shared;
        connections = new BrokerConnections();
    }

    @AfterAll
    static void closeConnections() {
        if (connections != null) {
            connections.closeAll();
        }
    }

    private static BrokerSettings settings(String name, boolean shuffle) {
        return BrokerSettings.builder().addresses(cluster.addresses()).addressShuffle(shuffle)
                .requestedHeartbeat(10).connectionName(name).build();
    }

    @Test
    @Order(1)
    void aStreamQueueDeclaredThroughWarrenIsReadFromAnOffset() throws Exception {
        BrokerConnection connection = connections.get(settings("warren-cluster-stream", true),
                BrokerConnections.Role.OUTBOUND);
        Queue stream = Queue.builder("warren-cluster-stream-" + UUID.randomUUID()).queueType(QueueType.STREAM)
                .build();
        try (Session session = ChannelSession.open(connection, SessionConfig.DEFAULT)) {
            session.declare(stream);
            Producer producer = session.producer(Exchange.DEFAULT).routingKey(stream.name())
                    .confirms(Duration.ofSeconds(10));
            for (int i = 0; i < 100; i++) {
                producer.publish(Map.of("i", i));
            }
            assertEquals(List.of(0, 1, 2, 99), firstAndLast(read(connection, stream, StreamOffset.FIRST, 100)),
                    "x-stream-offset=first replays the whole stream in order");
            assertEquals(List.of(60, 61, 62, 99), firstAndLast(read(connection, stream, StreamOffset.offset(60), 40)),
                    "a numeric x-stream-offset starts at that offset");
            WarrenException noAck = assertThrows(WarrenException.class, () -> session.consumer(stream).prefetch(10)
                    .noAck(true).callback((body, m) -> { }).consume());
            assertTrue(noAck.getMessage().contains("Fix: remove noAck(true)"), noAck.getMessage());
            WarrenException unlimited = assertThrows(WarrenException.class, () -> session.consumer(stream)
                    .streamOffset(StreamOffset.FIRST).callback((body, m) -> { }).consume());
            assertTrue(unlimited.getMessage().contains("needs a prefetch (basic.qos)"), unlimited.getMessage());
            session.delete(stream);
        }
    }

    /** @return the i values of {@code count} messages read from the stream from {@code offset} */
    private static List<Integer> read(BrokerConnection connection, Queue stream, StreamOffset offset, int count)
            throws InterruptedException {
        BlockingQueue<Integer> got = new LinkedBlockingQueue<>();
        try (Session session = ChannelSession.open(connection, SessionConfig.DEFAULT);
             Consumer consumer = session.consumer(stream).prefetch(50)
                     .streamOffset(offset)
                     .callback((body, m) -> {
                         got.add(((Number) ((Map<?, ?>) body).get("i")).intValue());
                         m.ack();
                     }).consume()) {
            List<Integer> values = new ArrayList<>();
            while (values.size() < count) {
                Integer v = got.poll(20, TimeUnit.SECONDS);
                assertNotNull(v, "stream delivery " + values.size() + " of " + count + " from offset " + offset
                        + " did not come (got " + values + ")");
                values.add(v);
            }
            assertTrue(consumer.consuming());
            return values;
        }
    }

    private static List<Integer> firstAndLast(List<Integer> values) {
        return List.of(values.get(0), values.get(1), values.get(2), values.get(values.size() - 1));
    }

    /**
     * Both connections use {@code addressShuffle=false} with node 1 first, so the publisher and the consumer start on
     * the same node and each outage hits both (stopping two nodes of three would cost the quorum queue its majority).
     */
    @Test
    @Order(2)
    void aConfirmedPublisherAndAQuorumConsumerFailOverWithNothingLost() throws Exception {
        BrokerConnection out = connections.get(settings("warren-cluster-producer", false),
                BrokerConnections.Role.OUTBOUND);
        BrokerConnection in = connections.get(settings("warren-cluster-consumer", false),
                BrokerConnections.Role.INBOUND);
        Queue queue = Queue.builder("warren-cluster-quorum-" + UUID.randomUUID()).queueType(QueueType.QUORUM)
                .build();
        Map<Integer, Integer> seen = new ConcurrentHashMap<>();
        Set<Integer> confirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicBoolean enough = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        List<Throwable> publisherErrors = new CopyOnWriteArrayList<>();
        List<Thread> publishers = new ArrayList<>();
        try (Session consuming = ChannelSession.open(in, SessionConfig.DEFAULT);
             Consumer consumer = consuming.consumer(queue).prefetch(200).callback((body, m) -> {
                 seen.merge(Integer.valueOf(m.properties().messageId()), 1, Integer::sum);
                 deliveries.incrementAndGet();
                 m.ack();
             }).consume()) {
            long start = System.nanoTime();
            for (int t = 0; t < PUBLISHER_THREADS; t++) {
                Thread publisher = new Thread(() -> {
                    try (Session s = ChannelSession.open(out, SessionConfig.DEFAULT)) {
                        Producer producer = s.producer(Exchange.DEFAULT).routingKey(queue.name())
                                .confirms(Duration.ofSeconds(10));
                        for (int i = next.getAndIncrement(); i < MIN_MESSAGES || !enough.get();
                             i = next.getAndIncrement()) {
                            long due = start + i * 1_000_000_000L / RATE;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            try {
                                producer.publish(Map.of("i", i), PublishOptions.NONE.messageId(Integer.toString(i)));
                                confirmed.add(i);
                            } catch (WarrenException e) {
                                failed.incrementAndGet();
                                publisherErrors.add(e);
                            }
                        }
                    } catch (Throwable e) {
                        publisherErrors.add(e);
                    }
                }, "cluster-publisher-" + t);
                publisher.setDaemon(true);
                publisher.start();
                publishers.add(publisher);
            }

            await(() -> confirmed.size() >= 5_000, Duration.ofSeconds(60), "5,000 confirmed before the first outage");
            double rate = confirmed.size() / secondsSince(start);
            int producerNode = cluster.nodeOf(out.client().getPort());
            int consumerNode = cluster.nodeOf(in.client().getPort());
            assertEquals(1, producerNode, "addressShuffle=false: the publisher is on the first node listed");
            assertEquals(1, consumerNode, "addressShuffle=false: the consumer is on the first node listed");
            Resume graceful = outage("graceful stop", 1, out, in, confirmed, deliveries,
                    () -> cluster.stop(1));

            long restartAt = System.nanoTime();
            cluster.heal(); // node 1 rejoins and its quorum members are back before the next outage
            double restartSeconds = secondsSince(restartAt);

            int node = cluster.nodeOf(out.client().getPort());
            assertEquals(node, cluster.nodeOf(in.client().getPort()), "both sides failed over to the same node");
            Resume kill = outage("kill -9", node, out, in, confirmed, deliveries, () -> cluster.kill(node));
            enough.set(true);
            for (Thread p : publishers) {
                p.join(120_000);
                assertTrue(!p.isAlive(), p.getName() + " finished");
            }
            int offered = confirmed.size() + failed.get();
            await(() -> seen.keySet().containsAll(confirmed), Duration.ofSeconds(90),
                    "every confirmed message consumed");
            Set<Integer> lost = ConcurrentHashMap.newKeySet();
            lost.addAll(confirmed);
            lost.removeAll(seen.keySet());
            long duplicates = seen.values().stream().mapToLong(n -> n - 1).sum();
            String report = String.format("ClusterFailoverIT: %d publishes (%d threads, offered at %d msg/s,"
                            + " %.0f msg/s confirmed before the first outage), %d confirmed, %d failed after retries;"
                            + " consumed %d unique, %d duplicates, %d lost; %s; node 1 restarted and quorum members online in %.1f s; %s;"
                            + " %.1f s in all",
                    offered, PUBLISHER_THREADS, RATE, rate, confirmed.size(), failed.get(),
                    seen.size(), duplicates, lost.size(), graceful, restartSeconds, kill, secondsSince(start));
            System.out.println(report);
            assertEquals(Set.of(), lost, "every confirmed message is consumed at least once");
            assertEquals(List.of(), publisherErrors, "the default retry policy rode out both failovers: " + report);
            assertTrue(confirmed.size() >= MIN_MESSAGES, report);
            assertTrue(offered >= MIN_MESSAGES, report);
            assertTrue(consumer.consuming(), "the consumer resumed without being restarted");
            consumer.cancel(); // before the delete: deleting the queue cancels the consumer on the broker's side
            consuming.delete(queue);
        } finally {
            enough.set(true); // SharedCluster heals the cluster before the next test
        }
    }

    /** Resume times of one outage, measured from the moment the stop or kill was issued. */
    private record Resume(String kind, int node, double lostAfter, double publisherResumed, int publisherNode,
                          double consumerResumed, int consumerNode) {
        @Override
        public String toString() {
            return String.format("%s of node %d: connections lost after %.2f s, publisher confirming again on node %d"
                            + " after %.2f s (%.2f s after the loss), consumer receiving again on node %d after"
                            + " %.2f s (%.2f s after the loss)", kind, node, lostAfter, publisherNode,
                    publisherResumed, publisherResumed - lostAfter, consumerNode, consumerResumed,
                    consumerResumed - lostAfter);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Resume outage(String kind, int node, BrokerConnection out, BrokerConnection in,
                                 Set<Integer> confirmed, AtomicInteger deliveries, Action action) throws Exception {
        long t0 = System.nanoTime();
        AtomicLong actionDone = new AtomicLong();
        List<Throwable> actionError = new CopyOnWriteArrayList<>();
        Thread actor = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                actionError.add(e);
            }
            actionDone.set(System.nanoTime());
        }, "cluster-" + kind);
        actor.start();
        double lost = -1;
        double published = -1;
        double consumed = -1;
        int confirmedAtLoss = -1;
        int deliveredAtLoss = -1;
        int publisherNode = 0;
        int consumerNode = 0;
        long deadline = t0 + RESUME_BOUND.toNanos();
        while ((published < 0 || consumed < 0) && System.nanoTime() < deadline) {
            if (lost < 0 && (!out.isOpen() || !in.isOpen())) {
                lost = secondsSince(t0);
            }
            if (lost >= 0 && confirmedAtLoss < 0) {
                confirmedAtLoss = confirmed.size();
                deliveredAtLoss = deliveries.get();
            }
            if (published < 0 && confirmedAtLoss >= 0 && out.isOpen()) {
                int n = cluster.nodeOf(out.client().getPort());
                if (n != node && confirmed.size() > confirmedAtLoss) {
                    published = secondsSince(t0);
                    publisherNode = n;
                }
            }
            if (consumed < 0 && deliveredAtLoss >= 0 && in.isOpen()) {
                int n = cluster.nodeOf(in.client().getPort());
                if (n != node && deliveries.get() > deliveredAtLoss) {
                    consumed = secondsSince(t0);
                    consumerNode = n;
                }
            }
            Thread.sleep(5);
        }
        actor.join(120_000);
        assertEquals(List.of(), actionError, kind + " of node " + node);
        Resume r = new Resume(kind, node, lost, published, publisherNode, consumed, consumerNode);
        System.out.println("ClusterFailoverIT: " + r);
        assertTrue(lost >= 0, kind + ": the connections to node " + node + " were never lost");
        assertTrue(published >= 0, kind + ": the publisher did not confirm again on another node within "
                + RESUME_BOUND + ": " + r);
        assertTrue(consumed >= 0, kind + ": the consumer did not receive again on another node within "
                + RESUME_BOUND + ": " + r);
        assertNotEquals(node, publisherNode);
        assertNotEquals(node, consumerNode);
        return r;
    }

    private static void await(BooleanSupplier condition, Duration bound, String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
