package dev.warren.benchc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.Map;

/**
 * The "raw client inside the same kind of EJB" contender: a stateless EJB with the same (default REQUIRED)
 * transaction attribute as {@link HandlePublisher}, called once per message the same way, that Jackson-encodes the
 * map and publishes on ONE reused raw channel (held by {@link RawChannelHolder}). It pays the EJB container's
 * per-call cost but not the adapter's (no pool checkout, no handle, no Producer).
 */
@Stateless
public class RawChannelPublisher {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The same properties the raw-jackson baseline sends. */
    private static final AMQP.BasicProperties PROPS = new AMQP.BasicProperties.Builder()
            .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).priority(0)
            .headers(Map.of()).build();

    @EJB
    RawChannelHolder holder;

    private Channel channel;
    private Channel confirmChannel;
    private Channel txChannel;

    @PostConstruct
    void init() {
        channel = holder.channel();
        confirmChannel = holder.confirmChannel();
        txChannel = holder.txChannel();
    }

    /** One message, on the one shared channel. */
    public void publish(Map<String, Object> body, String routingKey) throws Exception {
        channel.basicPublish(ContainerBenchIT.EXCHANGE, routingKey, false, PROPS, MAPPER.writeValueAsBytes(body));
    }

    /**
     * One message on the shared tx-mode channel, committed (tx.commit) before the call returns: what an AMQP
     * transaction per EJB call costs when written by hand, without the adapter's pool and its clean-up.
     */
    public void publishTx(Map<String, Object> body, String routingKey) throws Exception {
        synchronized (txChannel) { // one transaction at a time on the shared channel
            txChannel.basicPublish(ContainerBenchIT.EXCHANGE, routingKey, false, PROPS, MAPPER.writeValueAsBytes(body));
            txChannel.txCommit();
        }
    }

    /** One message on the shared confirm-mode channel, waiting for its confirm (as the raw confirm baseline). */
    public void publishConfirmed(Map<String, Object> body, String routingKey) throws Exception {
        confirmChannel.basicPublish(ContainerBenchIT.EXCHANGE, routingKey, false, PROPS,
                MAPPER.writeValueAsBytes(body));
        confirmChannel.waitForConfirmsOrDie(10_000);
    }
}
