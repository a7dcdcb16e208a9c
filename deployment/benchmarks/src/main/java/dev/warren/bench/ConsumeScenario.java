package dev.warren.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.warren.Consumer;
import dev.warren.Message;
import dev.warren.Queue;
import dev.warren.Session;
import dev.warren.amqp.Warren;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Draining a queue pre-filled with N json messages (the properties a Warren producer sends), manual ack
 * of every message, the same prefetch for every contender. Timing runs from basic.consume to the return of
 * the callback that acks the N-th message.
 *
 * <p>Contenders: {@code raw} (DefaultConsumer, basicAck, body untouched), {@code raw-jackson} (the same plus
 * Jackson decoding the body to a Map — what a hand-written consumer of json does), {@code warren-onmessage}
 * (Consumer with the raw-message hook: no decoding, {@code message.ack()}) and {@code warren-callback}
 * (the kombu way: {@code callback((body, message) -> message.ack())} with the body decoded by content type).
 * {@code kombu-callback}: Python kombu's Consumer with the same prefetch, accept json, a callback that gets the decoded
 * body and acks; timed inside Python from the first to the last message ({@link KombuContender}).
 */
final class ConsumeScenario {
    static final List<String> CONTENDERS = List.of("raw", "raw-jackson", "warren-onmessage", "warren-callback");

    /** Keeps decoded bodies observable so the JIT cannot drop the decoding. */
    static volatile Object sink;

    private final BrokerFixture broker;
    private final int prefetch;
    private final int timeoutSeconds;
    private final ObjectMapper mapper = new ObjectMapper();

    private final KombuContender kombu;

    /** @param kombu runs the {@value KombuContender#CONSUME} contender; null when kombu is left out */
    ConsumeScenario(BrokerFixture broker, int prefetch, int timeoutSeconds, KombuContender kombu) {
        this.broker = broker;
        this.prefetch = prefetch;
        this.timeoutSeconds = timeoutSeconds;
        this.kombu = kombu;
    }

    Result run(String contender, Payloads payload, int n) throws Exception {
        String queue = broker.newQueue("con");
        try {
            prefill(queue, payload, n);
            if (contender.equals(KombuContender.CONSUME)) {
                return kombu.consume(broker.exchange(), queue, payload.size(), n, prefetch, timeoutSeconds);
            }
            try (BrokerFixture.CountingConnection connection = broker.connect("con-" + contender)) {
                Counter counter = new Counter(n);
                return switch (contender) {
                    case "raw" -> raw(connection, queue, counter, false);
                    case "raw-jackson" -> raw(connection, queue, counter, true);
                    case "warren-onmessage" -> warren(connection, queue, counter, false);
                    case "warren-callback" -> warren(connection, queue, counter, true);
                    default -> throw new IllegalArgumentException(contender);
                };
            }
        } finally {
            broker.deleteQueue(queue);
        }
    }

    private void prefill(String queue, Payloads payload, int n) throws Exception {
        try (BrokerFixture.CountingConnection c = broker.connect("prefill")) {
            Channel ch = c.proxy().createChannel();
            for (int i = 0; i < n; i++) {
                ch.basicPublish(broker.exchange(), queue, false, PublishScenario.JSON_PROPS, payload.json());
            }
            ch.close();
        }
        broker.awaitCount(queue, n, timeoutSeconds * 1000L);
    }

    private Result raw(BrokerFixture.CountingConnection connection, String queue, Counter counter, boolean decode)
            throws Exception {
        Channel ch = connection.proxy().createChannel();
        ch.basicQos(prefetch);
        long t0 = System.nanoTime();
        ch.basicConsume(queue, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                if (decode) {
                    sink = mapper.readValue(body, Object.class);
                }
                getChannel().basicAck(env.getDeliveryTag(), false);
                counter.tick();
            }
        });
        Result r = counter.await(t0, timeoutSeconds);
        ch.close();
        return r;
    }

    private Result warren(BrokerFixture.CountingConnection connection, String queue, Counter counter,
                          boolean decode) throws Exception {
        try (Session session = Warren.open(connection.proxy())) {
            Consumer consumer = session.consumer(Queue.builder(queue).durable(false).build())
                    .prefetch(prefetch).autoDeclare(false);
            if (decode) {
                consumer.callback((body, message) -> {
                    sink = body;
                    message.ack();
                    counter.tick();
                });
            } else {
                consumer.onMessage((Message message) -> {
                    message.ack();
                    counter.tick();
                });
            }
            long t0 = System.nanoTime();
            consumer.consume();
            Result r = counter.await(t0, timeoutSeconds);
            consumer.cancel();
            return r;
        }
    }

    /** Counts deliveries on the consumer thread and measures that thread's allocation between the first and last. */
    static final class Counter {
        private final int expected;
        private final CountDownLatch done = new CountDownLatch(1);
        private int count;
        private long firstAlloc;
        private long firstCpu;
        private volatile long lastAlloc;
        private volatile long lastCpu;
        private volatile long end;

        Counter(int expected) {
            this.expected = expected;
        }

        /** Called on the consumer thread after each message is settled. */
        void tick() {
            int c = ++count;
            if (c == 1) {
                firstAlloc = Allocation.current();
                firstCpu = Allocation.cpu();
            }
            if (c == expected) {
                end = System.nanoTime();
                lastAlloc = Allocation.current();
                lastCpu = Allocation.cpu();
                done.countDown();
            }
        }

        Result await(long start, int timeoutSeconds) throws Exception {
            if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new TimeoutException("Consumed " + count + " of " + expected + " messages in " + timeoutSeconds
                        + " s");
            }
            long alloc = firstAlloc < 0 || expected < 2 ? -1 : (lastAlloc - firstAlloc) * expected / (expected - 1);
            long cpu = firstCpu < 0 || expected < 2 ? -1 : (lastCpu - firstCpu) * expected / (expected - 1);
            return new Result(expected, end - start, alloc, cpu);
        }
    }
}
