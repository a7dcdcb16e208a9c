package dev.warren.testsupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.warren.Rabbitmqctl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks at the real broker independently of the adapter, for the end-to-end tests (deployment/it on Payara,
 * deployment/it-wildfly): a plain amqp-client connection named {@value #CONNECTION_NAME} and rabbitmqctl. Only
 * talks to 127.0.0.1.
 *
 * <p>Used by the client side of a test and inside the server: a test that calls it from a bean adds this class
 * and {@link Rabbitmqctl} to its archive (it needs nothing else but amqp-client, which the deployed rar brings).
 * One instance is one connection and one channel: not for concurrent use. Failures are exceptions naming the
 * queue or the command.
 */
public final class Broker implements AutoCloseable {
    /** The broker the tests use (guest/guest on 127.0.0.1:5672, default vhost). */
    public static final String URI = "amqp://guest:guest@127.0.0.1:5672/%2F";
    /** The client-provided name of the probe's connection, as rabbitmqctl lists it. */
    public static final String CONNECTION_NAME = "warren-test-probe";
    private static final Logger LOG = Logger.getLogger(Broker.class.getName());

    private final Connection connection;
    private final Channel channel;

    /** Opens the probe connection and its channel; an {@link IllegalStateException} if the broker is not there. */
    public Broker() {
        try {
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(URI);
            connection = f.newConnection(CONNECTION_NAME);
            channel = connection.createChannel();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reach RabbitMQ on 127.0.0.1:5672: " + e, e);
        }
    }

    /** Declares a durable, non-exclusive, non-auto-delete classic queue without arguments. */
    public void declareQueue(String name) throws Exception {
        channel.queueDeclare(name, true, false, false, null);
    }

    public void deleteQueue(String name) throws Exception {
        channel.queueDelete(name);
    }

    /** @return how many ready messages the purge removed */
    public long purge(String name) throws Exception {
        return channel.queuePurge(name).getMessageCount();
    }

    /** @return the queue's ready messages */
    public int messageCount(String queue) {
        return passive(queue).getMessageCount();
    }

    /** @return the queue's consumers */
    public int consumerCount(String queue) {
        return passive(queue).getConsumerCount();
    }

    /** On a throw-away channel: a 404 closes the channel it happens on. */
    private AMQP.Queue.DeclareOk passive(String queue) {
        try {
            Channel ch = connection.createChannel();
            try {
                return ch.queueDeclarePassive(queue);
            } finally {
                if (ch.isOpen()) {
                    ch.close();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot look at queue " + queue + ": " + e, e);
        }
    }

    public void publish(String exchange, String key, AMQP.BasicProperties props, byte[] body) throws Exception {
        channel.basicPublish(exchange, key, props, body);
    }

    /** Publishes a persistent UTF-8 JSON message with these headers (may be null). */
    public void publishJson(String exchange, String key, String json, Map<String, Object> headers) throws Exception {
        publish(exchange, key, new AMQP.BasicProperties.Builder().contentType("application/json")
                .contentEncoding("utf-8").deliveryMode(2).headers(headers).build(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes (and acks) every ready message. */
    public List<GetResponse> drain(String queue) throws Exception {
        List<GetResponse> out = new ArrayList<>();
        for (GetResponse r; (r = channel.basicGet(queue, true)) != null; ) {
            out.add(r);
        }
        return out;
    }

    /** @return how many broker connections carry exactly this client-provided name */
    public static int connectionsNamed(String name) throws Exception {
        return (int) Rabbitmqctl.run("list_connections", "client_properties").stream()
                .filter(line -> line.contains(nameTerm(name))).count();
    }

    /** @return the open channels of the broker connection with this client-provided name (0 if there is none) */
    public static int channelsOf(String name) throws Exception {
        for (String line : Rabbitmqctl.run("list_connections", "client_properties", "channels")) {
            if (line.contains(nameTerm(name))) {
                String[] f = line.trim().split("\\s+");
                return Integer.parseInt(f[f.length - 1]);
            }
        }
        return 0;
    }

    private static String nameTerm(String name) {
        return "{\"connection_name\",\"" + name + "\"}";
    }

    /**
     * Has the broker close every connection with this client-provided name (as an operator or a network
     * failure would).
     *
     * @return the closed connections' pids
     */
    public static List<String> closeConnectionsNamed(String name) throws Exception {
        return Rabbitmqctl.closeConnectionsNamed(name);
    }

    /** @return messages_ready and messages_unacknowledged of a queue, from rabbitmqctl */
    public static int[] readyAndUnacked(String queue) {
        List<String> lines;
        try {
            lines = Rabbitmqctl.run("list_queues", "name", "messages_ready", "messages_unacknowledged");
        } catch (Exception e) {
            throw new IllegalStateException("rabbitmqctl list_queues failed: " + e, e);
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals(queue)) {
                return new int[]{Integer.parseInt(f[1]), Integer.parseInt(f[2])};
            }
        }
        throw new IllegalStateException("queue " + queue + " not listed by rabbitmqctl");
    }

    /**
     * Polls a condition every 50 ms.
     *
     * @return whether it held before {@code millis} passed (it is asked once more at the end)
     */
    public static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /** Closes the probe connection; a failure is logged, not thrown. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing the probe connection " + CONNECTION_NAME + " failed: " + e, e);
        }
    }
}
