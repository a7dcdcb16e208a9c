package dev.warren.it.cluster;

import dev.warren.amqp.ClusterNodes;
import dev.warren.it.DeploymentsAccess;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
 * The application on the three-node cluster ({@code rabbit-cluster.sh}, default base port 6800, started before the
 * deployment and destroyed when the JVM ends): an MDB (concurrency 4) on a quorum queue and an EJB publishing
 * through the pooled connection factory, both with the three addresses. The node the inbound connection uses is
 * killed with kill -9, restarted, then the node the outbound connection uses is killed. Every EJB call either
 * succeeds (the factory's publish retry) or throws to its caller; every successful call's message reaches the
 * bean; the consumers come back on a surviving node without a redeploy.
 */
@ExtendWith(ArquillianExtension.class)
public class ClusterContainerIT {
    static final String ADDRESSES = "127.0.0.1:6801,127.0.0.1:6802,127.0.0.1:6803";
    static final String QUEUE = "warren-it-cluster";
    static final String INBOUND_NAME = "warren-it-cluster-in";
    static final String OUTBOUND_NAME = "warren-it-cluster-out";

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    /** Starts the cluster before the app (its activation needs a broker) and has it destroyed at JVM exit. */
    @Deployment(name = "app", order = 2)
    public static WebArchive app() throws Exception {
        long t0 = System.nanoTime();
        ClusterNodes cluster = ClusterNodes.start();
        System.out.printf("ClusterContainerIT: cluster %s up in %.1f s%n", cluster.addresses(),
                (System.nanoTime() - t0) / 1e9);
        if (!ADDRESSES.equals(cluster.addresses())) {
            throw new IllegalStateException("the cluster listens on " + cluster.addresses() + ", the beans use "
                    + ADDRESSES + ". Fix: run with the default warren.cluster.port (6800).");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                System.err.println("ClusterContainerIT: destroying the cluster failed: " + e);
            }
        }));
        return ShrinkWrap.create(WebArchive.class, "cluster-it.war")
                .addClasses(ClusterContainerIT.class, ClusterNodes.class, ClusterIds.class, ClusterMdb.class,
                        ClusterPublisher.class);
    }

    @EJB
    ClusterIds ids;

    @EJB
    ClusterPublisher publisher;

    @Test
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
        int[] killed = new int[2];
        try {
            assertTrue(await(60_000, () -> succeeded.size() >= 500), "500 published before the first kill");
            int inbound = cluster.nodeOfConnection(INBOUND_NAME + " (inbound)");
            assertNotEquals(0, inbound, "the inbound connection is listed");
            long deliveredBefore = ids.deliveries();
            long t = System.currentTimeMillis();
            cluster.kill(inbound);
            killed[0] = inbound;
            assertTrue(await(60_000, () -> ids.deliveries() > deliveredBefore + 100 && movedFrom(cluster,
                    INBOUND_NAME + " (inbound)", inbound)), "the MDB consumes again on a surviving node");
            report.add("kill -9 of node " + inbound + " (inbound): MDB consuming again on node "
                    + cluster.nodeOfConnection(INBOUND_NAME + " (inbound)") + " within "
                    + (System.currentTimeMillis() - t) + " ms");
            cluster.restart(inbound);
            killed[0] = 0;

            int outbound = cluster.nodeOfConnection(OUTBOUND_NAME + " (outbound)");
            assertNotEquals(0, outbound, "the outbound connection is listed");
            int publishedBefore = succeeded.size();
            t = System.currentTimeMillis();
            cluster.kill(outbound);
            killed[1] = outbound;
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
            stop.set(true);
            for (int node : killed) {
                if (node != 0) {
                    cluster.restart(node);
                }
            }
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
