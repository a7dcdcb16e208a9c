package dev.warren.it.lifecycle;

import com.rabbitmq.client.GetResponse;
import dev.warren.testsupport.Broker;
import dev.warren.it.DeploymentsAccess;
import dev.warren.it.FailedDeployment;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deployment lifecycle, driven from the client side: undeploying a consuming application under load loses
 * nothing and leaves nothing unacknowledged; an invalid activation fails the deployment naming the property.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class LifecycleIT {
    private static final Logger LOG = Logger.getLogger(LifecycleIT.class.getName());
    static final String QUEUE = "warren-it-drain";
    static final String DONE = "warren-it-drain-done";
    private static final Pattern ID = Pattern.compile("\"i\"\\s*:\\s*(\\d+)");

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    @Deployment(name = "drain", managed = false, testable = false)
    public static WebArchive drain() {
        return ShrinkWrap.create(WebArchive.class, "drain-it.war").addClasses(DrainMdb.class);
    }

    @Deployment(name = "bad", managed = false, testable = false)
    public static WebArchive bad() {
        return ShrinkWrap.create(WebArchive.class, "bad-it.war").addClasses(BadMdb.class);
    }

    @Test
    public void undeployUnderLoadLosesNothingAndLeavesNothingUnacked() throws Exception {
        int total = 400;
        try (Broker broker = new Broker()) {
            broker.declareQueue(QUEUE);
            broker.declareQueue(DONE);
            broker.purge(QUEUE);
            broker.purge(DONE);
            for (int i = 0; i < total; i++) {
                broker.publishJson("", QUEUE, "{\"i\": " + i + "}", Map.of());
            }
            deployer.deploy("drain");
            assertTrue(Broker.await(30_000, () -> count(broker, DONE) >= 60), "the MDB is consuming");
            long t0 = System.currentTimeMillis();
            deployer.undeploy("drain");
            long undeployMillis = System.currentTimeMillis() - t0;
            int[] readyUnacked = Broker.readyAndUnacked(QUEUE);
            assertEquals(0, readyUnacked[1], "nothing left unacknowledged");
            assertEquals(0, broker.consumerCount(QUEUE), "consumers cancelled");

            Set<Integer> done = new HashSet<>();
            int doneMessages = 0;
            for (GetResponse r : broker.drain(DONE)) {
                done.add(id(r));
                doneMessages++;
            }
            Set<Integer> left = new HashSet<>();
            for (GetResponse r : broker.drain(QUEUE)) {
                left.add(id(r));
            }
            Set<Integer> processedAndStillQueued = new HashSet<>(done);
            processedAndStillQueued.retainAll(left);
            Set<Integer> all = new HashSet<>(done);
            all.addAll(left);
            LOG.info("undeploy under load took " + undeployMillis + " ms: " + done.size() + " processed ("
                    + doneMessages + " records), " + left.size() + " left in the queue, "
                    + processedAndStillQueued.size() + " processed but not acked");
            assertEquals(total, all.size(), "every message was either processed or is still queued");
            // At-least-once: a delivery in flight at the moment of undeploy can have its record committed and yet
            // be requeued (Payara withdraws the app's resources while the MDB is still finishing). Only those
            // in-flight deliveries — at most one per consumer channel (concurrency 4) — may be duplicated.
            assertTrue(doneMessages - done.size() <= 4, "at most the in-flight deliveries processed twice: "
                    + (doneMessages - done.size()));
            assertTrue(processedAndStillQueued.size() <= 4, "at most the in-flight deliveries requeued after"
                    + " processing: " + processedAndStillQueued);
            broker.deleteQueue(QUEUE);
            broker.deleteQueue(DONE);
        }
    }

    @Test
    public void anInvalidActivationFailsTheDeploymentNamingTheProperty() throws Exception {
        String failure = FailedDeployment.message(deployer, "bad", "Invalid Warren activation property");
        LOG.info("deployment error reported by the server: " + failure);
        assertNotNull(failure, "the server reported the invalid activation");
        assertTrue(failure.contains("prefetch='-5'") && failure.contains("Fix:"), failure);
        try (Broker broker = new Broker()) {
            Exception e = assertThrows(Exception.class, () -> broker.consumerCount("warren-it-bad"));
            StringBuilder chain = new StringBuilder(); // the probe wraps the client's IOException, whose cause says 404
            for (Throwable c = e; c != null && chain.length() < 10_000; c = c.getCause()) {
                chain.append(c).append(" <- ");
            }
            assertTrue(chain.toString().contains("404") || chain.toString().contains("NOT_FOUND"),
                    "no activation declared the queue: " + chain);
        }
    }

    private static int id(GetResponse r) {
        Matcher m = ID.matcher(new String(r.getBody(), StandardCharsets.UTF_8));
        assertTrue(m.find(), new String(r.getBody(), StandardCharsets.UTF_8));
        return Integer.parseInt(m.group(1));
    }

    private static int count(Broker b, String q) {
        try {
            return b.messageCount(q);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
