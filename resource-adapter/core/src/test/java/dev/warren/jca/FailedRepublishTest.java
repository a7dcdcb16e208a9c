package dev.warren.jca;

import dev.warren.DeliveryInfo;
import dev.warren.LogCapture;
import dev.warren.Message;
import dev.warren.MessageProperties;
import dev.warren.SessionConfig;
import dev.warren.internal.Messages;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A single-message delivery whose failure policy could not republish the message (the broker nacked the confirmed
 * publish; the channel stays open) requeues it at once, with a warning, instead of leaving it unacknowledged: held
 * back, it would keep a prefetch slot and, with ackBatchSize above 1, be acknowledged (lost) by the next
 * multiple-ack. Recorded on a stand-in channel ({@link RecordingChannel}) whose confirms are nacks.
 */
class FailedRepublishTest {
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final ChannelSession session = ChannelSession.open(RecordingChannel.connection(sent), SessionConfig.DEFAULT);
    private final LogCapture log = LogCapture.of(FailureHandler.class);

    @AfterEach
    void removeHandler() {
        log.close();
    }

    @Test
    void aDeadLetterPublishTheBrokerNackedRequeuesTheMessageBeforeTheNextMultipleAck() throws Exception {
        WarrenActivationSpec spec = spec();
        spec.setFailurePolicy("dead-letter");
        spec.setMaxRedeliveries(0);
        spec.setDeadLetterExchange("dlx");
        deliverThreeFailingTheFirst(spec);
        assertEquals(List.of("publish dlx", "requeue 1", "ack 3 multiple"), sent);
        assertWarned("nacked");
    }

    @Test
    void aDelayedRetryPublishTheBrokerNackedRequeuesTheMessageBeforeTheNextMultipleAck() throws Exception {
        WarrenActivationSpec spec = spec();
        spec.setFailurePolicy("requeue");
        spec.setMaxRedeliveries(2);
        spec.setRetryDelay(1000L);
        deliverThreeFailingTheFirst(spec);
        assertEquals(List.of("publish ", "requeue 1", "ack 3 multiple"), sent);
        assertWarned("nacked");
    }

    private static WarrenActivationSpec spec() {
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue("q");
        spec.setAckBatchSize(3);
        return spec;
    }

    /** Delivers tags 1-3 as the consumer's drain does, on a channel holding acks back for one multiple-ack of 3. */
    private void deliverThreeFailingTheFirst(WarrenActivationSpec spec) throws Exception {
        ActivationConfig config = spec.toConfig();
        session.batchAcks(config.ackBatchSize());
        TestEndpointFactory factory = new TestEndpointFactory("failed-republish", WarrenListener.class) {
            @Override
            public MessageEndpoint createEndpoint(XAResource xa) {
                return new FailingFirst();
            }
        };
        EndpointDelivery delivery = new EndpointDelivery(factory, new FailureHandler(config, "test"), "test", null,
                DeliveryRecorder.OFF, null, false, null);
        MessageEndpoint endpoint = null;
        for (long tag = 1; tag <= 3; tag++) {
            endpoint = delivery.deliver(endpoint, message(tag), session);
        }
        delivery.release(endpoint);
        session.flushAcks();
    }

    private void assertWarned(String why) {
        List<String> warnings = log.at(Level.WARNING).stream().map(LogRecord::getMessage).toList();
        assertTrue(warnings.stream().anyMatch(m -> m.contains("delivery tag 1")
                        && m.contains("queue 'q'") && m.contains(why) && m.contains("requeued")),
                "a warning naming the queue, the delivery and why it was requeued: " + warnings);
    }

    private Message message(long tag) {
        MessageProperties p = new MessageProperties("application/json", "utf-8", Map.of(), null, null, null, null,
                null, null, null, null, null, null, null);
        return Messages.received(("{\"i\":" + tag + "}").getBytes(StandardCharsets.UTF_8), p,
                new DeliveryInfo("", "q", false, tag, "c", "q"), session, Message.State.RECEIVED,
                MessageCodec.defaults(), Accept.parse("json"));
    }

    /** A bean that fails on delivery tag 1 and returns normally on the others. */
    private static final class FailingFirst implements MessageEndpoint, WarrenListener {
        @Override
        public void onMessage(Message message) {
            if (message.deliveryTag() == 1) {
                throw new IllegalStateException("bean fails on the first message");
            }
        }

        @Override
        public void beforeDelivery(Method method) {
        }

        @Override
        public void afterDelivery() {
        }

        @Override
        public void release() {
        }
    }
}
