package dev.warren.wildfly;

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
 * Looks at the real broker independently of the adapter: a plain amqp-client connection (named
 * "warren-wildfly-probe") and rabbitmqctl. Used in the server (through the rar's amqp-client) and by client-side
 * tests. Only talks to 127.0.0.1.
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
            connection = f.newConnection("warren-wildfly-probe");
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

    public void purge(String name) throws Exception {
        channel.queuePurge(name);
    }

    /** @return ready messages (passive declare on a throw-away channel: a 404 closes the channel it happens on) */
    public int messageCount(String queue) {
        try {
            Channel ch = connection.createChannel();
            try {
                return ch.queueDeclarePassive(queue).getMessageCount();
            } finally {
                if (ch.isOpen()) {
                    ch.close();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot count the messages of queue " + queue + ": " + e, e);
        }
    }

    public void publishJson(String exchange, String key, String json, Map<String, Object> headers) throws Exception {
        channel.basicPublish(exchange, key, new AMQP.BasicProperties.Builder().contentType("application/json")
                .contentEncoding("utf-8").deliveryMode(2).headers(headers).build(),
                json.getBytes(StandardCharsets.UTF_8));
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

    /** @return messages_ready and messages_unacknowledged of a queue, from rabbitmqctl */
    public static int[] readyAndUnacked(String queue) {
        try {
            for (String line : Rabbitmqctl.run("list_queues", "name", "messages_ready", "messages_unacknowledged")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && f[0].equals(queue)) {
                    return new int[]{Integer.parseInt(f[1]), Integer.parseInt(f[2])};
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("rabbitmqctl list_queues failed: " + e, e);
        }
        throw new IllegalStateException("queue " + queue + " not listed by rabbitmqctl");
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
            LOG.log(Level.WARNING, "Closing the probe connection warren-wildfly-probe failed: " + e, e);
        }
    }
}
