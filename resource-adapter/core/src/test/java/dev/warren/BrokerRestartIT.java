package dev.warren;

import dev.warren.amqp.Warren;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing confirmed is lost across a broker restart: 10,000 persistent messages published with confirms and a
 * retry policy into a durable queue while a private node is stopped (gracefully, then with kill -9) and started;
 * a core Consumer on an auto-recovering connection resumes by itself and sees every confirmed id at least once.
 */
class BrokerRestartIT {
    private static final Logger LOG = Logger.getLogger(BrokerRestartIT.class.getName());
    private static final int MESSAGES = 10_000;
    private static FaultNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = FaultNode.startOnFreePort("warrenrestart");
    }

    @AfterAll
    static void destroyNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void gracefulRestartLosesNothing() throws Exception {
        runAcrossRestart(false);
    }

    @Test
    void killMinus9LosesNothing() throws Exception {
        runAcrossRestart(true);
    }

    private void runAcrossRestart(boolean kill) throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(node.uri());
        cf.setNetworkRecoveryInterval(500);
        cf.setRequestedHeartbeat(5);
        Queue queue = Queue.named("restart-" + UUID.randomUUID());
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        try (Connection consumerConnection = cf.newConnection("warren-restart-consumer");
             Connection producerConnection = cf.newConnection("warren-restart-producer");
             Session consuming = Warren.open(consumerConnection);
             Session producing = Warren.open(producerConnection)) {
            producing.declare(queue);
            Consumer consumer = consuming.consumer(queue).prefetch(200).callback((body, m) -> {
                seen.merge(m.properties().messageId(), 1, Integer::sum);
                m.ack();
            }).consume();
            Producer producer = producing.producer(Exchange.DEFAULT).routingKey(queue.name())
                    .confirms(Duration.ofSeconds(10))
                    .retry(new RetryPolicy(200, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(500)));
            AtomicInteger failed = new AtomicInteger();
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    String id = "m-" + i;
                    try {
                        producer.publish(Map.of("i", i), PublishOptions.NONE.messageId(id));
                        confirmed.add(id);
                    } catch (WarrenException e) {
                        failed.incrementAndGet();
                    }
                }
            }, "restart-publisher");
            publisher.start();
            while (confirmed.size() < MESSAGES / 3) {
                Thread.sleep(20);
            }
            if (kill) {
                node.kill();
            } else {
                node.stop();
            }
            int atOutage = confirmed.size();
            node.restart();
            publisher.join(180_000);
            assertTrue(!publisher.isAlive(), "publisher finished");
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!seen.keySet().containsAll(confirmed) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Set<String> lost = ConcurrentHashMap.newKeySet();
            lost.addAll(confirmed);
            lost.removeAll(seen.keySet());
            long duplicates = seen.values().stream().filter(n -> n > 1).count();
            LOG.info((kill ? "kill -9" : "graceful stop") + ": confirmed " + confirmed.size() + " of " + MESSAGES
                    + " (outage after " + atOutage + ", " + failed.get() + " publishes failed after retries), consumed "
                    + seen.size() + " unique, " + duplicates + " duplicates, lost " + lost.size());
            assertEquals(Set.of(), lost, "every confirmed message is consumed at least once");
            assertEquals(MESSAGES, confirmed.size(), "the retry policy rode out the outage for every publish");
            assertTrue(consumer.consuming(), "the consumer resumed without being restarted");
            consuming.delete(queue);
        }
    }
}
