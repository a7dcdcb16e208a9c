package dev.warren.jca;

import dev.warren.DeliveryInfo;
import dev.warren.Message;
import dev.warren.internal.Messages;
import dev.warren.MessageProperties;
import dev.warren.SessionConfig;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a batch sends to the broker when it is settled, recorded on a stand-in channel (no broker): one
 * {@code basic.ack multiple=true} on the highest tag for a batch the bean returned from without settling any; one
 * ack each when the bean settled one itself or a message was left out; the failure policy (here requeue) for each
 * message still unsettled when the bean throws, after the bean's own acks.
 */
class BatchSettlementTest {
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final ChannelSession session = ChannelSession.open(RecordingChannel.connection(sent), SessionConfig.DEFAULT);

    private interface Bean {
        void onMessages(List<Message> batch) throws Exception;
    }

    @Test
    void aBatchTheBeanReturnedFromIsAckedWithOneMultipleAck() {
        deliver(batch(50, -1), b -> { });
        assertEquals(List.of("ack 50 multiple"), sent);
    }

    @Test
    void aBatchWithAMessageTheBeanRejectedIsAckedOneByOne() {
        deliver(batch(5, -1), b -> b.get(2).reject());
        assertEquals(List.of("reject 3", "ack 1", "ack 2", "ack 4", "ack 5"), sent);
    }

    @Test
    void whenTheBeanThrowsTheUnsettledMessagesTakeTheFailurePolicyAndTheBeansOwnAcksStand() {
        deliver(batch(5, -1), b -> {
            b.get(0).ack();
            b.get(1).ack();
            throw new IllegalStateException("after two");
        });
        assertEquals(List.of("ack 1", "ack 2", "requeue 3", "requeue 4", "requeue 5"), sent);
    }

    @Test
    void anUndecodableMessageIsLeftOutAndTakesTheFailurePolicyAlone() {
        List<List<Message>> seen = new ArrayList<>();
        deliver(batch(5, 3), seen::add);
        assertEquals(List.of(1L, 2L, 4L, 5L), seen.get(0).stream().map(Message::deliveryTag).toList());
        assertEquals(List.of("requeue 3", "ack 1", "ack 2", "ack 4", "ack 5"), sent, "a gap: one ack each");
    }

    private void deliver(List<Message> batch, Bean bean) {
        TestEndpointFactory factory = new TestEndpointFactory("batch-settlement", WarrenBatchListener.class) {
            @Override
            public MessageEndpoint createEndpoint(XAResource xa) {
                return new BatchEndpoint(bean);
            }
        };
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue("q");
        spec.setPrefetch(100);
        spec.setBatchSize(50);
        ActivationConfig config;
        try {
            config = spec.toConfig();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        EndpointDelivery delivery = new EndpointDelivery(factory, new FailureHandler(config, "test"), "test", null,
                DeliveryRecorder.OFF, null, false, config.batches());
        delivery.release(delivery.deliverBatch(null, batch, session));
    }

    /** @param bad the tag whose body is not json, or -1 */
    private List<Message> batch(int n, long bad) {
        MessageProperties p = new MessageProperties("application/json", "utf-8", Map.of(), null, null, null, null,
                null, null, null, null, null, null, null);
        return IntStream.rangeClosed(1, n).mapToObj(tag -> Messages.received(
                (tag == bad ? "{bad" : "{\"i\":" + tag + "}").getBytes(StandardCharsets.UTF_8), p,
                new DeliveryInfo("", "q", false, tag, "c", "q"), session, Message.State.RECEIVED,
                MessageCodec.defaults(), Accept.parse("json"))).toList();
    }

    /** A bean endpoint around the test's behaviour. */
    private static final class BatchEndpoint implements MessageEndpoint, WarrenBatchListener {
        private final Bean bean;

        BatchEndpoint(Bean bean) {
            this.bean = bean;
        }

        @Override
        public void onMessages(List<Message> messages) throws Exception {
            bean.onMessages(messages);
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
