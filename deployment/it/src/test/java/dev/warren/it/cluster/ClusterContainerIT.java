package dev.warren.it.cluster;

import dev.warren.Exchange;
import dev.warren.Producer;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.QueueType;
import dev.warren.Session;
import dev.warren.SessionConfig;
import dev.warren.amqp.BrokerConnections;
import dev.warren.amqp.BrokerSettings;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.amqp.ClusterNodes;
import dev.warren.amqp.SharedCluster;
import dev.warren.it.DeploymentsAccess;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application on the three-node cluster ({@code rabbit-cluster.sh}, default base port 6800; the module's
 * {@link SharedCluster}, started before the deployment because the activations need a broker, healed before the
 * test after one that kills a node and destroyed when the run ends). One deployment holds every bean, so the class costs one
 * Payara boot:
 * <ul>
 * <li>consumer features as activation properties: a stream read by two activations from {@code first} and one from
 * {@code next}; a higher-priority activation that receives everything while it has spare prefetch; a single active
 * consumer that keeps the order when the node it is connected to is killed;</li>
 * <li>failover: an MDB (concurrency 4) on a quorum queue and an EJB publishing through the pooled connection
 * factory, both with the three addresses. The node the inbound connection uses is killed with kill -9, then the one
 * the outbound connection uses. Every EJB call either succeeds (the factory's publish retry) or throws to its
 * caller; every successful call's message reaches the bean; the consumers come back on a surviving node without a
 * redeploy.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({SharedCluster.class, ArquillianExtension.class})
public class ClusterContainerIT {
    static final String ADDRESSES = "127.0.0.1:6801,127.0.0.1:6802,127.0.0.1:6803";
    static final String QUEUE = "warren-it-cluster";
    static final String INBOUND_NAME = "warren-it-cluster-in";
    static final String OUTBOUND_NAME = "warren-it-cluster-out";
    static final String STREAM_QUEUE = "warren-it-cluster-stream";
    static final String PRIORITY_QUEUE = "warren-it-cluster-priority";
    static final String SAC_QUEUE = "warren-it-cluster-sac";
    /** the work each single-active-consumer message takes, so the queue lasts a few seconds */
    static final long SAC_WORK_MILLIS = 20;
    static final int SAC_PREFETCH = 10;
    static final int PRIORITY_PREFETCH = 50;
    /** stream messages written before the deployment, so the activations find them there */
    static final int STREAM_BEFORE = 20;

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    /**
     * Runs after {@link SharedCluster} started the cluster: writes {@value #STREAM_BEFORE} messages to the stream
     * before its activations exist.
     */
    @Deployment(name = "app", order = 2)
    public static WebArchive app() throws Exception {
        ClusterNodes cluster = ClusterNodes.handle();
        if (!ADDRESSES.equals(cluster.addresses())) {
            throw new IllegalStateException("the cluster listens on " + cluster.addresses() + ", the beans use "
                    + ADDRESSES + ". Fix: run with the default warren.cluster.port (6800).");
        }
        BrokerConnections connections = new BrokerConnections();
        try (Session session = ChannelSession.open(connections.get(BrokerSettings.builder().addresses(ADDRESSES)
                .connectionName("warren-it-stream-writer").build(), BrokerConnections.Role.OUTBOUND),
                SessionConfig.DEFAULT)) {
            session.declare(Queue.builder(STREAM_QUEUE).queueType(QueueType.STREAM).build());
            Producer producer = session.producer(Exchange.DEFAULT).routingKey(STREAM_QUEUE)
                    .confirms(Duration.ofSeconds(10));
            for (int i = 0; i < STREAM_BEFORE; i++) {
                producer.publish(Map.of("i", i), PublishOptions.NONE.messageId("s-" + i));
            }
        } finally {
            connections.closeAll();
        }
        return ShrinkWrap.create(WebArchive.class, "cluster-it.war")
                .addClasses(ClusterContainerIT.class, ClusterNodes.class, SharedCluster.class, ClusterIds.class,
                        ClusterMdb.class, ClusterPublisher.class, FeatureLog.class, FeatureLog.Delivery.class,
                        StreamFirstMdb.class, StreamReplayMdb.class, StreamNextMdb.class, PriorityHighMdb.class,
                        PriorityLowMdb.class, SacFirstMdb.class, SacSecondMdb.class);
    }

    @EJB
    ClusterIds ids;

    @EJB
    ClusterPublisher publisher;

    @EJB
    FeatureLog log;

    /**
     * Two activations with streamOffset first (the second replays what the first has read) and one with next, on a
     * stream that held {@value #STREAM_BEFORE} messages before they started; ten more are written now.
     */
    @Test
    @Order(1)
    @OperateOnDeployment("app")
    public void streamActivationsReadFromTheirOffset() throws Exception {
        int total = STREAM_BEFORE + 10;
        for (int i = STREAM_BEFORE; i < total; i++) {
            publisher.publishTo(STREAM_QUEUE, "s-" + i);
        }
        assertTrue(await(60_000, () -> received("stream-first").size() >= total && received("stream-replay").size() >= total
                && received("stream-next").size() >= total - STREAM_BEFORE), "stream deliveries: " + log.deliveries());
        List<String> all = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            all.add("s-" + i);
        }
        assertEquals(all, received("stream-first"), "streamOffset=first: the whole stream, in order, once");
        assertEquals(all, received("stream-replay"), "a second activation with streamOffset=first replays it all");
        assertEquals(all.subList(STREAM_BEFORE, total), received("stream-next"),
                "streamOffset=next: only what was written after the activation started");
        System.out.println("ClusterContainerIT: stream: first and replay read " + total + " in order, next read "
                + (total - STREAM_BEFORE));
    }

    /**
     * consumerPriority 10 against 0, prefetch {@value #PRIORITY_PREFETCH} each: while the high one has spare
     * prefetch it receives everything; held, it takes exactly its prefetch and the low one the rest.
     */
    @Test
    @Order(2)
    @OperateOnDeployment("app")
    public void theHigherPriorityActivationReceivesWhileItHasCapacity() throws Exception {
        ClusterNodes cluster = ClusterNodes.handle();
        assertTrue(await(60_000, () -> consumers(cluster, PRIORITY_QUEUE) == 2), "both priority activations consume");
        for (int i = 0; i < 20; i++) {
            publisher.publishTo(PRIORITY_QUEUE, "p1-" + i);
        }
        assertTrue(await(30_000, () -> received("high").size() >= 20), "the high-priority bean received the 20");
        assertEquals(List.of(), received("low"), "the low-priority bean receives nothing while the high one has capacity");

        int held = PRIORITY_PREFETCH + 11;
        log.hold();
        try {
            for (int i = 0; i < held; i++) {
                publisher.publishTo(PRIORITY_QUEUE, "p2-" + i);
            }
            assertTrue(await(30_000, () -> received("low").size() >= held - PRIORITY_PREFETCH),
                    "the low-priority bean receives once the high one's prefetch is full: " + received("low"));
        } finally {
            log.release();
        }
        assertTrue(await(30_000, () -> received("high").size() >= 20 + PRIORITY_PREFETCH), "the held messages delivered");
        List<String> high = received("high");
        List<String> low = received("low");
        System.out.println("ClusterContainerIT: priority: phase 1 high 20, low 0; high held: high "
                + (high.size() - 20) + ", low " + low.size() + " of " + held);
        assertEquals(20 + PRIORITY_PREFETCH, high.size(), "held, the high one takes exactly its prefetch");
        assertEquals(held - PRIORITY_PREFETCH, low.size(), "the low one takes the rest, and only that: " + low);
        Set<String> both = new HashSet<>(high);
        both.retainAll(low);
        assertEquals(Set.of(), both, "no message went to both");
    }

    /**
     * Two activations (connected to nodes 1 and 2) on a quorum queue with singleActiveConsumer: 300 messages, each
     * taking {@value #SAC_WORK_MILLIS} ms; once the active one has processed 60, its node is killed (kill -9).
     * Asserted, precisely: before the kill only the active bean receives, and every delivery to it precedes every
     * delivery to the other (one consumer at a time); each bean sees strictly increasing ids (queue order); together
     * they see all 300; the successor starts at most one past the last id the killed one processed (no gap), and
     * what it receives again (from its first id up to the killed one's last) is at most the prefetch
     * ({@value #SAC_PREFETCH}: unacknowledged at the kill) and each of those is flagged redelivered.
     */
    @Test
    @Order(3)
    @OperateOnDeployment("app")
    public void aSingleActiveConsumerKeepsTheOrderWhenItsNodeDies() throws Exception {
        ClusterNodes cluster = ClusterNodes.handle();
        assertTrue(await(60_000, () -> consumers(cluster, SAC_QUEUE) == 2), "both SAC activations consume");
        assertEquals(1, cluster.nodeOfConnection("warren-it-sac-first (inbound)"), "addressShuffle=false: node 1");
        assertEquals(2, cluster.nodeOfConnection("warren-it-sac-second (inbound)"), "addressShuffle=false: node 2");
        int n = 300;
        for (int i = 0; i < n; i++) {
            publisher.publishTo(SAC_QUEUE, "sac-" + i);
        }
        assertTrue(await(60_000, () -> received("first").size() + received("second").size() >= 60), "60 processed");
        String active = received("first").isEmpty() ? "second" : "first";
        String successor = active.equals("first") ? "second" : "first";
        assertEquals(List.of(), received(successor), "before the kill only the active consumer receives");
        int node = cluster.nodeOfConnection("warren-it-sac-" + active + " (inbound)");
        long killedAt = System.nanoTime();
        cluster.kill(node);
        assertTrue(await(90_000, () -> {
            Set<Integer> seen = new HashSet<>(seqs(active));
            seen.addAll(seqs(successor));
            return seen.size() == n;
        }), "all " + n + " consumed after the kill");

        List<FeatureLog.Delivery> all = log.deliveries().stream()
                .filter(d -> d.bean().equals("first") || d.bean().equals("second")).toList();
        int lastOfActive = -1;
        int firstOfSuccessor = all.size();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).bean().equals(active)) {
                lastOfActive = i;
            } else if (firstOfSuccessor == all.size()) {
                firstOfSuccessor = i;
            }
        }
        List<Integer> a = seqs(active);
        List<Integer> b = seqs(successor);
        int duplicates = a.get(a.size() - 1) - b.get(0) + 1;
        String line = "ClusterContainerIT: single active consumer: " + active + " (node " + node + ") processed "
                + a.size() + " (sac-" + a.get(0) + "..sac-" + a.get(a.size() - 1) + "), killed; " + successor
                + " took over at sac-" + b.get(0) + ", " + b.size() + " messages, " + Math.max(0, duplicates)
                + " received again; first delivery to the successor "
                + String.format("%.2f", (all.isEmpty() ? 0 : (nanosOfFirst(successor) - killedAt) / 1e9))
                + " s after the kill was issued";
        System.out.println(line);
        assertTrue(lastOfActive < firstOfSuccessor, "every delivery to the killed consumer precedes every delivery"
                + " to its successor: " + line);
        assertStrictlyIncreasing(active, a);
        assertStrictlyIncreasing(successor, b);
        assertTrue(b.get(0) <= a.get(a.size() - 1) + 1, "no gap at the takeover: " + line);
        assertTrue(duplicates <= SAC_PREFETCH, "received again at most the prefetch: " + line);
        for (FeatureLog.Delivery d : all) {
            int seq = Integer.parseInt(d.id().substring(4));
            if (d.bean().equals(successor) && seq <= a.get(a.size() - 1)) {
                assertTrue(d.redelivered(), d + " was processed by " + active + " and must be flagged redelivered");
            }
        }
    }

    private long nanosOfFirst(String bean) {
        return log.deliveries().stream().filter(d -> d.bean().equals(bean)).mapToLong(FeatureLog.Delivery::nanos)
                .findFirst().orElse(0L);
    }

    private static void assertStrictlyIncreasing(String bean, List<Integer> seqs) {
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i) > seqs.get(i - 1), bean + " received sac-" + seqs.get(i) + " after sac-"
                    + seqs.get(i - 1) + ": " + seqs);
        }
    }

    /** @return the ids the bean received, in order */
    private List<String> received(String bean) {
        return log.deliveries().stream().filter(d -> d.bean().equals(bean)).map(FeatureLog.Delivery::id).toList();
    }

    /** @return the numbers of the sac-N ids the bean received, in order */
    private List<Integer> seqs(String bean) {
        return received(bean).stream().map(id -> Integer.parseInt(id.substring(4))).toList();
    }

    private static int consumers(ClusterNodes cluster, String queue) {
        try {
            return cluster.consumers(queue);
        } catch (Exception e) {
            return -2;
        }
    }

    @Test
    @Order(4)
    @OperateOnDeployment("app")
    public void killingTheInboundThenTheOutboundNodeLosesNothing() throws Exception {
        ClusterNodes cluster = ClusterNodes.handle();
        publisher.publish("probe");
        assertTrue(await(60_000, () -> ids.contains("probe")), "the MDB consumes from the cluster");

        Set<String> succeeded = ConcurrentHashMap.newKeySet();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                String id = "c-" + i;
                try {
                    publisher.publish(id);
                    succeeded.add(id);
                } catch (Exception e) {
                    failures.add(id + ": " + e);
                }
            }
        }, "cluster-it-caller");
        caller.setDaemon(true);
        long start = System.currentTimeMillis();
        caller.start();
        List<String> report = new ArrayList<>();
        try {
            assertTrue(await(60_000, () -> succeeded.size() >= 500), "500 published before the first kill");
            int inbound = cluster.nodeOfConnection(INBOUND_NAME + " (inbound)");
            assertNotEquals(0, inbound, "the inbound connection is listed");
            long deliveredBefore = ids.deliveries();
            long t = System.currentTimeMillis();
            cluster.kill(inbound);
            assertTrue(await(60_000, () -> ids.deliveries() > deliveredBefore + 100 && movedFrom(cluster,
                    INBOUND_NAME + " (inbound)", inbound)), "the MDB consumes again on a surviving node");
            report.add("kill -9 of node " + inbound + " (inbound): MDB consuming again on node "
                    + cluster.nodeOfConnection(INBOUND_NAME + " (inbound)") + " within "
                    + (System.currentTimeMillis() - t) + " ms");
            cluster.heal(); // the node rejoins and the quorum queue has its three members before the next kill

            int outbound = cluster.nodeOfConnection(OUTBOUND_NAME + " (outbound)");
            assertNotEquals(0, outbound, "the outbound connection is listed");
            int publishedBefore = succeeded.size();
            t = System.currentTimeMillis();
            cluster.kill(outbound);
            assertTrue(await(60_000, () -> succeeded.size() > publishedBefore + 100 && movedFrom(cluster,
                    OUTBOUND_NAME + " (outbound)", outbound)), "the EJB publishes again on a surviving node");
            report.add("kill -9 of node " + outbound + " (outbound): EJB publishing again on node "
                    + cluster.nodeOfConnection(OUTBOUND_NAME + " (outbound)") + " within "
                    + (System.currentTimeMillis() - t) + " ms");
            stop.set(true);
            caller.join(60_000);
            assertFalse(caller.isAlive(), "the calling thread finished");

            assertTrue(await(90_000, () -> ids.snapshot().keySet().containsAll(succeeded)),
                    "every successful call's message consumed");
            Map<String, Integer> seen = ids.snapshot();
            Set<String> lost = new HashSet<>(succeeded);
            lost.removeAll(seen.keySet());
            long duplicates = succeeded.stream().mapToLong(id -> Math.max(0, seen.getOrDefault(id, 0) - 1)).sum();
            String line = "ClusterContainerIT: " + (succeeded.size() + failures.size()) + " EJB calls, "
                    + succeeded.size() + " succeeded, " + failures.size() + " threw to the caller, consumed "
                    + succeeded.stream().filter(seen::containsKey).count() + " of the succeeded, " + duplicates
                    + " duplicates, " + lost.size() + " lost; " + String.join("; ", report) + "; "
                    + (System.currentTimeMillis() - start) + " ms in all" + (failures.isEmpty() ? ""
                    : "; failures: " + failures.subList(0, Math.min(3, failures.size())));
            System.out.println(line);
            assertEquals(Set.of(), lost, line);
        } finally {
            stop.set(true); // SharedCluster heals the cluster before the next test
        }
    }

    private static boolean movedFrom(ClusterNodes cluster, String connection, int node) {
        try {
            int now = cluster.nodeOfConnection(connection);
            return now != 0 && now != node;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
