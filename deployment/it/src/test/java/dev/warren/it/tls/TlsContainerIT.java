package dev.warren.it.tls;

import dev.warren.FaultNode;
import dev.warren.TlsNode;
import dev.warren.testsupport.Broker;
import dev.warren.it.DeploymentsAccess;
import dev.warren.it.PrivateNode;
import jakarta.ejb.EJB;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS in the container: a message-driven bean consumes and a pooled outbound handle publishes over TLS to a private
 * RabbitMQ node with certificates made for this run ({@link TlsNode}), configured only through the activation's and
 * the connection definition's properties (host, port, tls, trustStore, trustStorePassword). The broker lists both
 * connections as TLS.
 */
@ExtendWith(ArquillianExtension.class)
public class TlsContainerIT {
    static final String QUEUE = "warren-it-tls";
    static final String INBOUND_NAME = "warren-it-tls-in";
    static final String OUTBOUND_NAME = "warren-it-tls-out";
    private static final String NODE = "warren.it.tls";
    /** The client side's handle on the node (the tests in the server find it through {@link PrivateNode}). */
    private static TlsNode tlsNode;

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    /** Starts the TLS node and points the MDB and the connection factory at it. */
    @Deployment(name = "app", order = 2)
    public static WebArchive app() throws Exception {
        TlsNode node = TlsNode.start("warrenittls");
        tlsNode = node;
        PrivateNode.handOver(NODE, node.node(), TlsContainerIT::removeTheNode);
        Map<String, String> tls = Map.of("host", "localhost", "port", Integer.toString(node.tlsPort()),
                "tls", "true", "trustStore", node.trustStore().toString(),
                "trustStorePassword", TlsNode.TRUST_PASSWORD, "connectionTimeout", "5000");
        StringBuilder activation = new StringBuilder();
        StringBuilder factory = new StringBuilder();
        tls.forEach((k, v) -> {
            activation.append("<activation-config-property><activation-config-property-name>").append(k)
                    .append("</activation-config-property-name><activation-config-property-value>").append(v)
                    .append("</activation-config-property-value></activation-config-property>");
            factory.append("<property><name>").append(k).append("</name><value>").append(v).append("</value></property>");
        });
        String ejbJar = "<ejb-jar xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\">"
                + "<enterprise-beans><message-driven><ejb-name>TlsMdb</ejb-name><activation-config>" + activation
                + "</activation-config></message-driven></enterprise-beans></ejb-jar>";
        String webXml = "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
                + "<connection-factory><name>java:app/warren/tls-cf</name>"
                + "<interface-name>dev.warren.jca.WarrenConnectionFactory</interface-name>"
                + "<resource-adapter>warren</resource-adapter><max-pool-size>4</max-pool-size>"
                + "<min-pool-size>0</min-pool-size><transaction-support>LocalTransaction</transaction-support>"
                + factory + "<property><name>connectionName</name><value>" + OUTBOUND_NAME + "</value></property>"
                + "</connection-factory></web-app>";
        return ShrinkWrap.create(WebArchive.class, "tls-it.war")
                .addClasses(TlsContainerIT.class, TlsMdb.class, TlsRecorder.class, TlsPublisher.class, Broker.class,
                        dev.warren.Rabbitmqctl.class, FaultNode.class, TlsNode.class, PrivateNode.class)
                .addAsWebInfResource(new StringAsset(ejbJar), "ejb-jar.xml")
                .addAsWebInfResource(new StringAsset(webXml), "web.xml");
    }

    @EJB
    TlsPublisher publisher;

    @EJB
    TlsRecorder recorder;

    @Test
    @OperateOnDeployment("app")
    public void anMdbAndAPooledHandleWorkOverTls() throws Exception {
        String body = "over TLS " + UUID.randomUUID();
        FaultNode node = PrivateNode.of(NODE);
        assertTrue(Broker.await(30_000, () -> queueExists(node)), "the activation declared its queue over TLS");
        publisher.publish(QUEUE, body);
        assertTrue(Broker.await(30_000, () -> recorder.bodies().contains(body)),
                "the MDB received the message the pooled handle published: " + recorder.bodies());
        List<String> connections = node.rabbitmqctl("list_connections", "ssl", "client_properties");
        for (String name : List.of(INBOUND_NAME + " (inbound)", OUTBOUND_NAME + " (outbound)")) {
            assertTrue(connections.stream().anyMatch(l -> l.startsWith("true") && l.contains("\"" + name + "\"")),
                    name + " is a TLS connection: " + connections);
        }
    }

    /** Client side, after the class's tests: the node and its certificates go (later classes do not need them). */
    @AfterAll
    static synchronized void removeTheNode() throws Exception {
        TlsNode node = tlsNode;
        tlsNode = null;
        if (node != null) {
            node.close();
        }
    }

    private static boolean queueExists(FaultNode node) {
        try {
            return node.rabbitmqctl("list_queues", "name").contains(QUEUE);
        } catch (Exception e) {
            return false;
        }
    }
}
