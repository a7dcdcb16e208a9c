package dev.warren.bench;

import dev.warren.amqp.Warren;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The broker side of a run: connections (each wrapped so the benchmark sees every channel opened on it),
 * unique names for the run's exchange and queues, and an admin channel that declares, purges and deletes
 * them. Everything it declares is non-durable and deleted again by {@link #close()}.
 */
public final class BrokerFixture implements AutoCloseable {
    private final ConnectionFactory factory;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Connection admin;
    private final Channel adminChannel;
    private final List<String> queues = new CopyOnWriteArrayList<>();
    private final String exchange;
    private int sequence;

    /**
     * @param uri the broker URI
     * @throws Exception when the broker cannot be reached
     */
    public BrokerFixture(String uri) throws Exception {
        factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setConnectionTimeout(5000);
        factory.setAutomaticRecoveryEnabled(false);
        admin = factory.newConnection("warren-bench-admin-" + runId);
        adminChannel = admin.createChannel();
        exchange = "warren-bench-" + runId;
        adminChannel.exchangeDeclare(exchange, "direct", false, false, null);
    }

    /** @return the run's direct exchange (non-durable) */
    public String exchange() {
        return exchange;
    }

    /** @return the run id, part of every name */
    public String runId() {
        return runId;
    }

    /**
     * Declares a fresh non-durable queue bound to the run's exchange with its own name as routing key.
     *
     * @param purpose a short label
     * @return the queue name
     * @throws IOException when the broker refuses
     */
    public synchronized String newQueue(String purpose) throws IOException {
        String name = "warren-bench-" + runId + "-" + purpose + "-" + (++sequence);
        adminChannel.queueDeclare(name, false, false, false, null);
        adminChannel.queueBind(name, exchange, name);
        queues.add(name);
        return name;
    }

    /**
     * @param queue a queue of this run
     * @return its ready message count
     * @throws IOException when the broker refuses
     */
    public synchronized long messageCount(String queue) throws IOException {
        return adminChannel.queueDeclarePassive(queue).getMessageCount();
    }

    /**
     * Waits until a queue holds {@code expected} ready messages.
     *
     * @param queue the queue
     * @param expected the count
     * @param timeoutMillis deadline
     * @throws Exception when the deadline passes
     */
    public void awaitCount(String queue, long expected, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long n;
        while ((n = messageCount(queue)) != expected) {
            if (System.currentTimeMillis() > deadline) {
                throw new TimeoutException("Queue " + queue + " holds " + n + " messages, expected " + expected);
            }
            Thread.sleep(20);
        }
    }

    /**
     * @param queue a queue of this run to delete now
     * @throws IOException when the broker refuses
     */
    public synchronized void deleteQueue(String queue) throws IOException {
        adminChannel.queueDelete(queue);
        queues.remove(queue);
    }

    /**
     * Opens a connection that records every channel created on it.
     *
     * @param name client-provided connection name (shown by rabbitmqctl)
     * @return the connection
     * @throws Exception when it cannot connect
     */
    public CountingConnection connect(String name) throws Exception {
        return new CountingConnection(factory.newConnection("warren-bench-" + runId + "-" + name));
    }

    @Override
    public void close() throws IOException, TimeoutException {
        try {
            for (String q : List.copyOf(queues)) {
                adminChannel.queueDelete(q);
            }
            adminChannel.exchangeDelete(exchange);
        } finally {
            admin.close();
        }
    }

    /** A client connection and, through {@link #proxy()}, the channels opened on it (the client's view). */
    public static final class CountingConnection implements AutoCloseable {
        private final Connection delegate;
        private final List<Channel> channels = new CopyOnWriteArrayList<>();
        private final Connection proxy;

        CountingConnection(Connection delegate) {
            this.delegate = delegate;
            this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, method, args) -> {
                        try {
                            Object result = method.invoke(delegate, args);
                            if (method.getName().equals("createChannel") && result != null) {
                                channels.add((Channel) result);
                            }
                            return result;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        /** @return the connection to hand to raw code and to {@code Warren.open}; records channels */
        public Connection proxy() {
            return proxy;
        }

        /** @return channels opened through {@link #proxy()} and still open */
        public int openChannels() {
            return (int) channels.stream().filter(Channel::isOpen).count();
        }

        /** @return channels ever opened through {@link #proxy()} */
        public int channelsOpened() {
            return channels.size();
        }

        @Override
        public void close() throws IOException {
            if (delegate.isOpen()) {
                delegate.close();
            }
        }
    }
}
