package dev.warren.it;

import dev.warren.FaultNode;
import dev.warren.Rabbitmqctl;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A private RabbitMQ node ({@link FaultNode}, never the shared broker) behind one test class's message-driven bean.
 * The class's {@code @Deployment} method (client side) starts or picks the node and hands it over with
 * {@link #handOver}; the tests, which run in the server under the test WAR's class loader, find it again with
 * {@link #of}: the embedded server shares the client's JVM, so two system properties carry the node's name and port.
 * A shutdown hook removes the node when the JVM ends if the class did not remove it itself. Not thread-safe: one
 * class at a time (failsafe runs them one after another).
 */
public final class PrivateNode {
    private PrivateNode() {
    }

    /**
     * @param key     the class's own prefix of the two system properties ({@code key.node}, {@code key.port})
     * @param node    the node (started or only prepared)
     * @param cleanup what removes the node and its files (the node itself, or the TLS node that owns it)
     * @return {@code node}
     */
    public static FaultNode handOver(String key, FaultNode node, AutoCloseable cleanup) {
        System.setProperty(key + ".node", node.name());
        System.setProperty(key + ".port", Integer.toString(node.port()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cleanup.close();
            } catch (Exception e) {
                System.err.println("PrivateNode: " + node.name() + " not removed at exit: " + e);
            }
        }, "remove-" + node.name()));
        return node;
    }

    /**
     * @param key the prefix given to {@link #handOver}
     * @return the node handed over under {@code key}
     * @throws IllegalStateException when no node was handed over under {@code key}
     */
    public static FaultNode of(String key) {
        String name = System.getProperty(key + ".node");
        String port = System.getProperty(key + ".port");
        if (name == null || port == null) {
            throw new IllegalStateException("No private node was handed over as '" + key + "'. Fix: call"
                    + " PrivateNode.handOver in the class's @Deployment method.");
        }
        return FaultNode.of(name, Integer.parseInt(port));
    }

    /**
     * @param name    the WAR's file name
     * @param node    the node handed over
     * @param ejbName the message-driven bean that consumes from the node
     * @param classes the test class, its beans and helpers
     * @return the test WAR: {@code classes}, what the in-server tests need to reach the node ({@link FaultNode},
     *         {@link Rabbitmqctl}, this class) and an {@code ejb-jar.xml} pointing {@code ejbName} at the node
     */
    public static WebArchive war(String name, FaultNode node, String ejbName, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name).addClasses(classes)
                .addClasses(FaultNode.class, Rabbitmqctl.class, PrivateNode.class)
                .addAsWebInfResource(ejbJarWithUri(ejbName, node.uri()), "ejb-jar.xml");
    }

    /**
     * @param ejbName the message-driven bean's name
     * @param uri     the node's AMQP URI
     * @return an {@code ejb-jar.xml} that points the bean's activation at {@code uri} (the annotation's other
     *         activation properties stay as they are)
     */
    private static StringAsset ejbJarWithUri(String ejbName, String uri) {
        return new StringAsset("<ejb-jar xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\">"
                + "<enterprise-beans><message-driven><ejb-name>" + ejbName + "</ejb-name><activation-config>"
                + "<activation-config-property><activation-config-property-name>uri</activation-config-property-name>"
                + "<activation-config-property-value>" + uri + "</activation-config-property-value>"
                + "</activation-config-property></activation-config></message-driven></enterprise-beans></ejb-jar>");
    }
}
