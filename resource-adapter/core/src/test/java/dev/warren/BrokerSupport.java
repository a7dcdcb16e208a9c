package dev.warren;

import dev.warren.amqp.Warren;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Base of the broker tests: one real connection to the broker named by {@code warren.test.uri}
 * (default 127.0.0.1:5672 guest/guest), a fresh session per test, unique entity names, and cleanup of
 * every queue and exchange a test names through {@link #queueName} / {@link #exchangeName}.
 */
public abstract class BrokerSupport {
    protected static Connection connection;
    protected Session session;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F"));
        cf.setConnectionTimeout(5000);
        connection = cf.newConnection("warren-core-tests");
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }

    @BeforeEach
    void openSession() {
        session = Warren.open(connection);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (session != null && session.isOpen()) {
            session.close();
        }
        try (Channel ch = connection.createChannel()) {
            for (String q : queues) {
                ch.queueDelete(q);
            }
            for (String e : exchanges) {
                ch.exchangeDelete(e);
            }
        }
    }

    /** @param base readable part @return a unique queue name, deleted after the test */
    protected String queueName(String base) {
        String name = "warren.test." + base + "." + UUID.randomUUID().toString().substring(0, 8);
        queues.add(name);
        return name;
    }

    /** @param base readable part @return a unique exchange name, deleted after the test */
    protected String exchangeName(String base) {
        String name = "warren.test." + base + "." + UUID.randomUUID().toString().substring(0, 8);
        exchanges.add(name);
        return name;
    }

    /** Polls until a message arrives or 5 s pass. */
    protected Optional<Message> poll(Session s, Queue q) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Optional<Message> m = s.get(q);
            if (m.isPresent()) {
                return m;
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    /** @return the next element or fails after 5 s */
    protected static <T> T take(BlockingQueue<T> q) throws InterruptedException {
        T t = q.poll(5, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("nothing arrived within 5 s");
        }
        return t;
    }

    /** @param s session @param q queue @return ready messages as the broker counts them */
    protected long ready(Session s, Queue q) {
        return s.declarePassive(q).messageCount();
    }

    /**
     * Waits until the broker counts exactly {@code expected} ready messages in the queue (publishes are
     * asynchronous), failing after 5 s with the last count.
     *
     * @param s session
     * @param q queue
     * @param expected ready messages to wait for
     */
    protected void awaitReady(Session s, Queue q, long expected) throws InterruptedException {
        await(() -> ready(s, q) == expected, () -> "queue " + q.name() + " to hold " + expected
                + " ready messages (it holds " + ready(s, q) + ")");
    }

    /**
     * Polls a condition every 20 ms until it holds, failing after 5 s.
     *
     * @param condition what must become true
     * @param what what was awaited, for the failure message
     */
    protected static void await(java.util.function.BooleanSupplier condition,
                                java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 5 s for " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
