package dev.warren.it.undeploy;

import com.rabbitmq.client.GetResponse;
import dev.warren.testsupport.Broker;
import dev.warren.it.DeploymentsAccess;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Undeploying an application with ten activations, each with a delivery in flight (a bean taking
 * {@value SlowBean#BEAN_MILLIS} ms), takes about the longest in-flight bean time plus a second: the first
 * deactivation stops all ten from taking new messages, so they drain together instead of one after another.
 * Nothing is lost (every message is either recorded as done or still queued) and nothing is left unacknowledged.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class UndeployIT {
    private static final Logger LOG = Logger.getLogger(UndeployIT.class.getName());
    private static final int ACTIVATIONS = 10;
    private static final int PER_QUEUE = 3;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    @Deployment(name = "ten", managed = false, testable = false)
    public static WebArchive ten() {
        return ShrinkWrap.create(WebArchive.class, "undeploy-it.war").addClasses(Broker.class,
                dev.warren.Rabbitmqctl.class, SlowBean.class, SlowMdb0.class,
                SlowMdb1.class, SlowMdb2.class, SlowMdb3.class, SlowMdb4.class, SlowMdb5.class, SlowMdb6.class,
                SlowMdb7.class, SlowMdb8.class, SlowMdb9.class);
    }

    /** @return the Warren Activation MBeans of the SlowMdb beans in the embedded server's MBean server */
    private static int slowMBeans() throws Exception {
        return (int) java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .queryNames(new javax.management.ObjectName("dev.warren:type=Activation,*"), null).stream()
                .filter(n -> String.valueOf(n.getKeyProperty("name")).startsWith("SlowMdb")).count();
    }

    @Test
    public void tenActivationsWithWorkInFlightUndeployTogether() throws Exception {
        Set<String> all = new HashSet<>();
        try (Broker broker = new Broker()) {
            broker.declareQueue(SlowBean.DONE);
            broker.purge(SlowBean.DONE);
            for (int q = 0; q < ACTIVATIONS; q++) {
                String queue = SlowBean.QUEUE_PREFIX + q;
                broker.declareQueue(queue);
                broker.purge(queue);
                for (int i = 0; i < PER_QUEUE; i++) {
                    String id = q + "-" + i;
                    broker.publish("", queue, null, id.getBytes(StandardCharsets.UTF_8));
                    all.add(id);
                }
            }
            deployer.deploy("ten");
            assertTrue(Broker.await(30_000, () -> inFlight() == ACTIVATIONS), "all ten have a delivery in flight: "
                    + inFlight());
            assertEquals(ACTIVATIONS, slowMBeans(), "one Activation MBean per bean (the server runs in this JVM)");
            long t0 = System.currentTimeMillis();
            deployer.undeploy("ten");
            long took = System.currentTimeMillis() - t0;
            assertEquals(0, slowMBeans(), "undeploy unregisters the activations' MBeans: none leaks into a redeploy");

            Map<String, int[]> after = queues();
            for (int q = 0; q < ACTIVATIONS; q++) {
                String queue = SlowBean.QUEUE_PREFIX + q;
                assertEquals(0, after.get(queue)[1], "nothing unacknowledged on " + queue);
                assertEquals(0, broker.consumerCount(queue), "no consumer left on " + queue);
            }
            List<String> done = new ArrayList<>();
            for (GetResponse r : broker.drain(SlowBean.DONE)) {
                done.add(new String(r.getBody(), StandardCharsets.UTF_8));
            }
            Set<String> left = new HashSet<>();
            for (int q = 0; q < ACTIVATIONS; q++) {
                for (GetResponse r : broker.drain(SlowBean.QUEUE_PREFIX + q)) {
                    left.add(new String(r.getBody(), StandardCharsets.UTF_8));
                }
            }
            Set<String> seen = new HashSet<>(done);
            seen.addAll(left);
            LOG.info("undeploy of " + ACTIVATIONS + " activations with a " + SlowBean.BEAN_MILLIS + " ms delivery in"
                    + " flight each took " + took + " ms; " + new HashSet<>(done).size() + " done (" + done.size()
                    + " records), " + left.size() + " still queued");
            assertEquals(all, seen, "every message is done or still queued");
            assertTrue(done.size() - new HashSet<>(done).size() == 0, "nothing processed twice: " + done);
            assertTrue(new HashSet<>(done).size() >= ACTIVATIONS, "the in-flight deliveries finished: " + done);
            assertTrue(took < SlowBean.BEAN_MILLIS + 2000, "about the longest in-flight bean time plus a second: "
                    + took + " ms");
            for (int q = 0; q < ACTIVATIONS; q++) {
                broker.deleteQueue(SlowBean.QUEUE_PREFIX + q);
            }
            broker.deleteQueue(SlowBean.DONE);
        }
    }

    private static int inFlight() {
        int n = 0;
        for (Map.Entry<String, int[]> e : queues().entrySet()) {
            if (e.getKey().startsWith(SlowBean.QUEUE_PREFIX) && !e.getKey().equals(SlowBean.DONE)
                    && e.getValue()[1] >= 1) {
                n++;
            }
        }
        return n;
    }

    /** @return ready and unacknowledged counts by queue name, from one rabbitmqctl call */
    private static Map<String, int[]> queues() {
        Map<String, int[]> out = new HashMap<>();
        try {
            for (String line : dev.warren.Rabbitmqctl.run("list_queues", "name", "messages_ready",
                    "messages_unacknowledged")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && f[1].matches("\\d+")) {
                    out.put(f[0], new int[]{Integer.parseInt(f[1]), Integer.parseInt(f[2])});
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
