package dev.warren.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.warren.Exchange;
import dev.warren.Producer;
import dev.warren.PublishOptions;
import dev.warren.Queue;
import dev.warren.Session;
import dev.warren.amqp.Warren;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Publishing N messages to a direct exchange bound to a fresh queue, one channel (one session) reused.
 * Timing ends after a synchronous round trip on the same channel (so the broker has taken every message
 * off the socket); the queue is then checked to hold all N.
 *
 * <p>Contenders without confirms: {@code raw-bytes} (pre-encoded json, properties built once),
 * {@code raw-jackson} (raw client plus Jackson encoding the map per message, what hand-written code does),
 * {@code warren-bytes} (Producer with pre-encoded json and a reused {@link PublishOptions} carrying the
 * content type), {@code warren-object} (the kombu way: {@code producer.publish(map, routingKey)}).
 *
 * <p>With confirms (synchronous, one confirm awaited per message): {@code raw-bytes-confirm} and
 * {@code raw-jackson-confirm} ({@code confirmSelect} once, {@code waitForConfirmsOrDie} per message) against
 * {@code warren-bytes-confirm} and {@code warren-object-confirm} ({@code producer.confirms(timeout)}: the core
 * puts the channel in confirm mode and waits for each confirm).
 *
 * <p>{@code kombu-object}: Python kombu's {@code Producer.publish(map, routing_key=…)}, json, persistent, one channel,
 * timed inside Python up to a synchronous round trip ({@link KombuContender}).
 */
final class PublishScenario {
    static final List<String> CONTENDERS = List.of("raw-bytes", "raw-jackson", "warren-bytes", "warren-object");
    static final List<String> CONFIRM_CONTENDERS = List.of("raw-bytes-confirm", "raw-jackson-confirm",
            "warren-bytes-confirm", "warren-object-confirm");

    /** Properties a Warren producer sends for a json body (so both sides put the same bytes on the wire). */
    static final AMQP.BasicProperties JSON_PROPS = new AMQP.BasicProperties.Builder()
            .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).priority(0)
            .headers(Map.of()).build();

    private final BrokerFixture broker;
    private final ObjectMapper mapper = new ObjectMapper();
    private final int timeoutSeconds;
    private final KombuContender kombu;

    /** @param kombu runs the {@value KombuContender#PUBLISH} contender; null when kombu is left out */
    PublishScenario(BrokerFixture broker, int timeoutSeconds, KombuContender kombu) {
        this.broker = broker;
        this.timeoutSeconds = timeoutSeconds;
        this.kombu = kombu;
    }

    Result run(String contender, Payloads payload, int n) throws Exception {
        String queue = broker.newQueue("pub");
        if (contender.equals(KombuContender.PUBLISH)) {
            try {
                Result r = kombu.publish(broker.exchange(), queue, payload.size(), n, timeoutSeconds);
                broker.awaitCount(queue, n, timeoutSeconds * 1000L);
                return r;
            } finally {
                broker.deleteQueue(queue);
            }
        }
        try (BrokerFixture.CountingConnection connection = broker.connect("pub-" + contender)) {
            boolean confirm = contender.contains("-confirm");
            Result r = contender.startsWith("raw-")
                    ? raw(connection, queue, payload, n, contender.startsWith("raw-jackson"), confirm)
                    : warren(connection, queue, payload, n, contender.startsWith("warren-object"), confirm);
            broker.awaitCount(queue, n, timeoutSeconds * 1000L);
            return r;
        } finally {
            broker.deleteQueue(queue);
        }
    }

    private Result raw(BrokerFixture.CountingConnection connection, String queue, Payloads payload, int n,
                       boolean encode, boolean confirm) throws Exception {
        Channel ch = connection.proxy().createChannel();
        if (confirm) {
            ch.confirmSelect();
        }
        String exchange = broker.exchange();
        Map<String, Object> object = payload.object();
        byte[] bytes = payload.json();
        long a0 = Allocation.current();
        long c0 = Allocation.cpu();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ch.basicPublish(exchange, queue, false, JSON_PROPS, encode ? mapper.writeValueAsBytes(object) : bytes);
            if (confirm) {
                ch.waitForConfirmsOrDie(timeoutSeconds * 1000L);
            }
        }
        ch.queueDeclarePassive(queue);
        long t1 = System.nanoTime();
        long a1 = Allocation.current();
        long c1 = Allocation.cpu();
        ch.close();
        return new Result(n, t1 - t0, a0 < 0 ? -1 : a1 - a0, c0 < 0 ? -1 : c1 - c0);
    }

    private Result warren(BrokerFixture.CountingConnection connection, String queue, Payloads payload, int n,
                          boolean object, boolean confirm) throws Exception {
        Session session = Warren.open(connection.proxy());
        try {
            Exchange exchange = Exchange.builder(broker.exchange()).durable(false).build();
            Producer producer = session.producer(exchange);
            if (confirm) {
                producer.confirms(Duration.ofSeconds(timeoutSeconds)); // in place
            }
            PublishOptions rawJson = PublishOptions.to(queue).contentType("application/json")
                    .contentEncoding("utf-8");
            Map<String, Object> body = payload.object();
            byte[] bytes = payload.json();
            long a0 = Allocation.current();
            long c0 = Allocation.cpu();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (object) {
                    producer.publish(body, queue);
                } else {
                    producer.publish(bytes, rawJson);
                }
            }
            session.declarePassive(Queue.named(queue));
            long t1 = System.nanoTime();
            long a1 = Allocation.current();
            long c1 = Allocation.cpu();
            return new Result(n, t1 - t0, a0 < 0 ? -1 : a1 - a0, c0 < 0 ? -1 : c1 - c0);
        } finally {
            session.close();
        }
    }
}
