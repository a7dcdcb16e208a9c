package dev.warren.it.tracing;

import dev.warren.testsupport.Broker;
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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trace context from an EJB's publish through the rar's pooled connection to a message-driven bean, in embedded
 * Payara 6 against the real broker. Payara bundles OpenTelemetry's API and SDK 1.29 on its class path (the rar sees
 * them; it bundles none itself) and leaves the global OpenTelemetry a no-op: the first test runs so, with the
 * producer's context made current by hand; the second installs an SDK as the global one inside the server.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class TracingIT {
    public static final String QUEUE = "warren-it-trace";

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return DeploymentsAccess.rar();
    }

    @Deployment(name = "app", order = 2)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "tracing-it.war")
                .addClasses(TracingIT.class, Broker.class, TraceProbe.class, TraceProbe.Seen.class,
                        TracePublisher.class, TraceMdb.class);
    }

    @EJB
    TraceProbe probe;

    @EJB
    TracePublisher publisher;

    @Test
    @Order(1)
    @OperateOnDeployment("app")
    public void withTheServersNoOpOpenTelemetryTheMdbRunsInTheProducersContext() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String spanId = "00f067aa0ba902b7";
        publisher.publishInContext(QUEUE, "plain", traceId, spanId);
        assertTrue(Broker.await(10_000, () -> probe.seen("plain") != null), "the MDB received the message");
        TraceProbe.Seen seen = probe.seen("plain");
        assertEquals("00-" + traceId + "-" + spanId + "-01", seen.traceparent());
        assertEquals(traceId, seen.traceId(), "the MDB's current trace is the producer's");
        assertEquals(spanId, seen.spanId(), "no SDK, no consumer span: the producer's span is the current one");
    }

    @Test
    @Order(2)
    @OperateOnDeployment("app")
    public void withAnSdkTheMdbRunsInAConsumerSpanWhoseParentIsTheProducerSpan() throws Exception {
        probe.installSdk();
        String[] request = publisher.publishInSpan(QUEUE, "sdk");
        assertTrue(Broker.await(10_000, () -> probe.seen("sdk") != null), "the MDB received the message");
        TraceProbe.Seen seen = probe.seen("sdk");
        assertTrue(Broker.await(5_000, () -> probe.ended().stream().anyMatch(s -> s.startsWith("CONSUMER "))),
                "the consumer span ended: " + probe.ended());
        String producer = only(probe.ended(), "PRODUCER publish amq.default " + request[0]);
        String producerSpanId = producer.split(" ")[4];
        assertEquals(request[1], producer.split(" ")[5], "the producer span is a child of the EJB's span");
        assertEquals(request[0], seen.traceId(), "the MDB's current trace id is the producer's");
        assertEquals(producerSpanId, seen.parentSpanId(), "the MDB's current span is a child of the producer span");
        assertTrue(seen.traceparent().startsWith("00-" + request[0] + "-" + producerSpanId + "-"), seen.traceparent());
        String consumer = only(probe.ended(), "CONSUMER process " + QUEUE + " " + request[0]);
        assertTrue(consumer.endsWith(" UNSET"), consumer);
    }

    @Test
    @Order(3)
    @OperateOnDeployment("app")
    public void aBeanThatThrowsEndsItsConsumerSpanWithAnErrorStatus() throws Exception {
        String[] request = publisher.publishInSpan(QUEUE, "fail-1");
        assertTrue(Broker.await(10_000, () -> probe.ended().stream().anyMatch(s -> s.startsWith("CONSUMER ")
                && s.contains(request[0]))), "the consumer span ended: " + probe.ended());
        String consumer = only(probe.ended(), "CONSUMER process " + QUEUE + " " + request[0]);
        assertTrue(consumer.endsWith(" ERROR"), consumer);
        assertEquals(request[0], probe.seen("fail-1").traceId());
    }

    /** @return the one span line starting with {@code prefix} */
    private static String only(List<String> ended, String prefix) {
        List<String> matching = ended.stream().filter(s -> s.startsWith(prefix)).toList();
        assertEquals(1, matching.size(), prefix + " in " + ended);
        return matching.get(0);
    }
}
