package dev.warren.it;

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
 * Looks at the real broker from the tests, independently of the adapter: a plain amqp-client connection
 * (named "warren-it-probe") and rabbitmqctl. Only talks to 127.0.0.1.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Broker.class.getName());
    public static final String URI = "amqp://guest:guest@127.0.0.1:5672/%2F";

    private final Connection connection;
    private final Channel channel;

    public Broker() {
        try {
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(URI);
            connection = f.newConnection("warren-it-probe");
            channel = connection.createChannel();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reach RabbitMQ on 127.0.0.1:5672: " + e, e);
        }
    }

    public void declareQueue(String name) throws Exception {
        channel.queueDeclare(name, true, false, false, null);
    }

    public void deleteQueue(String name) throws Exception {
        channel.queueDelete(name);
    }

    public long purge(String name) throws Exception {
        return channel.queuePurge(name).getMessageCount();
    }

    public int messageCount(String queue) throws Exception {
        return passive(queue).getMessageCount();
    }

    public int consumerCount(String queue) throws Exception {
        return passive(queue).getConsumerCount();
    }

    /** On a throw-away channel: a 404 closes the channel it happens on. */
    private AMQP.Queue.DeclareOk passive(String queue) throws Exception {
        Channel ch = connection.createChannel();
        try {
            return ch.queueDeclarePassive(queue);
        } finally {
            if (ch.isOpen()) {
                ch.close();
            }
        }
    }

    public void publish(String exchange, String key, AMQP.BasicProperties props, byte[] body) throws Exception {
        channel.basicPublish(exchange, key, props, body);
    }

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
        int n = 0;
        for (String line : rabbitmqctl("list_connections", "client_properties")) {
            if (line.contains("{\"connection_name\",\"" + name + "\"}")) {
                n++;
            }
        }
        return n;
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
    public static int[] readyAndUnacked(String queue) throws Exception {
        for (String line : rabbitmqctl("list_queues", "name", "messages_ready", "messages_unacknowledged")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals(queue)) {
                return new int[]{Integer.parseInt(f[1]), Integer.parseInt(f[2])};
            }
        }
        throw new IllegalStateException("queue " + queue + " not listed by rabbitmqctl");
    }

    static List<String> rabbitmqctl(String... args) throws Exception {
        return Rabbitmqctl.run(args);
    }

    /** Polls a condition every 50 ms. */
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

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing the probe connection warren-it-probe failed: " + e, e);
        }
    }
}
