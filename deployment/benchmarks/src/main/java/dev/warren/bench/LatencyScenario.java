package dev.warren.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.warren.Consumer;
import dev.warren.Exchange;
import dev.warren.Producer;
import dev.warren.Queue;
import dev.warren.Session;
import dev.warren.amqp.Warren;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Publish-to-callback latency at a fixed offered rate below saturation: one connection, a publishing
 * channel and a consuming channel (manual ack, the run's prefetch). The i-th message received is the i-th
 * sent (one queue, one consumer, FIFO), so send times are kept in an array rather than in the message.
 * Latency = callback entry − the moment before the publish call.
 *
 * <p>Contenders: {@code raw} (pre-encoded bytes, DefaultConsumer) and {@code warren} (the kombu way:
 * {@code producer.publish(map, key)} and a decoding {@code callback}); Warren's figure includes Jackson
 * encoding and decoding.
 */
final class LatencyScenario {
    static final List<String> CONTENDERS = List.of("raw", "warren");

    private final BrokerFixture broker;
    private final int prefetch;
    private final int timeoutSeconds;

    LatencyScenario(BrokerFixture broker, int prefetch, int timeoutSeconds) {
        this.broker = broker;
        this.prefetch = prefetch;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** @return p50 and p99 in microseconds */
    double[] run(String contender, Payloads payload, int n, int rate) throws Exception {
        return run(contender, payload, n, rate, null);
    }

    /**
     * @param probe when not null, run on its own thread once half the messages are sent (the cost probe)
     * @return p50 and p99 in microseconds
     */
    double[] run(String contender, Payloads payload, int n, int rate,
                 java.util.function.Consumer<BrokerFixture.CountingConnection> probe) throws Exception {
        String queue = broker.newQueue("lat");
        AtomicLongArray sent = new AtomicLongArray(n);
        long[] latency = new long[n];
        CountDownLatch done = new CountDownLatch(1);
        int[] received = {0};
        Runnable onReceive = () -> {
            int i = received[0]++;
            if (i < n) {
                latency[i] = System.nanoTime() - sent.get(i);
                if (i == n - 1) {
                    done.countDown();
                }
            }
        };
        try (BrokerFixture.CountingConnection connection = broker.connect((probe == null ? "lat-" : "cost-") + contender)) {
            Thread[] probing = {null};
            Runnable midRun = probe == null ? () -> { } : () -> {
                probing[0] = new Thread(() -> probe.accept(connection), "cost-probe");
                probing[0].start();
            };
            if (contender.equals("raw")) {
                Channel consumerChannel = connection.proxy().createChannel();
                consumerChannel.basicQos(prefetch);
                consumerChannel.basicConsume(queue, false, new DefaultConsumer(consumerChannel) {
                    @Override
                    public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                            throws IOException {
                        onReceive.run();
                        getChannel().basicAck(env.getDeliveryTag(), false);
                    }
                });
                Channel pub = connection.proxy().createChannel();
                pace(n, rate, sent, midRun, i -> pub.basicPublish(broker.exchange(), queue, false,
                        PublishScenario.JSON_PROPS, payload.json()));
                await(done, n, received);
                join(probing[0]);
                pub.close();
                consumerChannel.close();
            } else {
                try (Session consuming = Warren.open(connection.proxy());
                     Session publishing = Warren.open(connection.proxy())) {
                    Consumer consumer = consuming.consumer(Queue.builder(queue).durable(false).build())
                            .prefetch(prefetch).autoDeclare(false)
                            .callback((body, message) -> {
                                onReceive.run();
                                ConsumeScenario.sink = body;
                                message.ack();
                            }).consume();
                    Producer producer = publishing.producer(Exchange.builder(broker.exchange()).durable(false).build());
                    producer.publish(payload.object(), "nowhere"); // declares the exchange before timing
                    pace(n, rate, sent, midRun, i -> producer.publish(payload.object(), queue));
                    await(done, n, received);
                    join(probing[0]);
                    consumer.cancel();
                }
            }
        } finally {
            broker.deleteQueue(queue);
        }
        Arrays.sort(latency);
        return new double[] {latency[(int) Math.floor(0.50 * (n - 1))] / 1000.0,
                latency[(int) Math.floor(0.99 * (n - 1))] / 1000.0};
    }

    private interface Send {
        void send(int i) throws Exception;
    }

    private void join(Thread t) throws InterruptedException {
        if (t != null) {
            t.join(timeoutSeconds * 1000L);
        }
    }

    private static void pace(int n, int rate, AtomicLongArray sent, Runnable midRun, Send send) throws Exception {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            if (i == n / 2) {
                midRun.run();
            }
            sent.set(i, System.nanoTime());
            send.send(i);
        }
    }

    private void await(CountDownLatch done, int n, int[] received) throws Exception {
        if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new TimeoutException("Received " + received[0] + " of " + n + " messages in " + timeoutSeconds + " s");
        }
    }
}
