package dev.warren.jca;

import dev.warren.Acknowledger;
import dev.warren.DeliveryInfo;
import dev.warren.Message;
import dev.warren.MessageProperties;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The requeue policy is bounded by a quorum queue's x-delivery-count, and unbounded without it. */
class FailureHandlerTest {
    private final List<String> settled = new ArrayList<>();

    @Test
    void requeueIsBoundedByTheQuorumDeliveryCount() throws Exception {
        FailureHandler h = new FailureHandler(config(2), "test");
        h.handle(message(null), new IllegalStateException("boom"), null);   // first delivery: no header
        h.handle(message(1L), new IllegalStateException("boom"), null);     // 2nd delivery
        h.handle(message(2L), new IllegalStateException("boom"), null);     // 3rd = 1 + maxRedeliveries
        assertEquals(List.of("requeue", "requeue", "reject"), settled);
    }

    @Test
    void requeueWithoutADeliveryCountIsUnbounded() throws Exception {
        FailureHandler h = new FailureHandler(config(0), "test");
        h.handle(message(null), new IllegalStateException("boom"), null);
        assertEquals(List.of("requeue"), settled);
    }

    private static ActivationConfig config(int maxRedeliveries) throws Exception {
        WarrenActivationSpec s = new WarrenActivationSpec();
        s.setQueue("q");
        s.setMaxRedeliveries(maxRedeliveries);
        return s.toConfig();
    }

    private Message message(Long deliveryCount) {
        Map<String, Object> headers = new HashMap<>();
        if (deliveryCount != null) {
            headers.put("x-delivery-count", deliveryCount);
        }
        MessageProperties p = new MessageProperties("text/plain", "utf-8", headers, null, null, null, null, null,
                null, null, null, null, null, null);
        Acknowledger ack = new Acknowledger() {
            @Override
            public void ack(long tag) {
                settled.add("ack");
            }

            @Override
            public void reject(long tag, boolean requeue) {
                settled.add(requeue ? "requeue" : "reject");
            }
        };
        return new Message("x".getBytes(), p, new DeliveryInfo("", "q", deliveryCount != null, 1, "c", "q"), ack,
                Message.State.RECEIVED, MessageCodec.defaults(), Accept.parse("text"));
    }
}
