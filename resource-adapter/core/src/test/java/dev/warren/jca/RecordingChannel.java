package dev.warren.jca;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Test support: a connection whose one channel records what is sent to the broker, without a broker: acks
 * ({@code "ack 3"}, {@code "ack 5 multiple"}), rejects ({@code "requeue 1"}, {@code "reject 2"}) and publishes
 * ({@code "publish dlx"}). Publisher confirms are answered with a nack ({@code waitForConfirms} is false), so every
 * confirmed publish fails while the channel stays open. Everything else answers with defaults.
 */
final class RecordingChannel {
    private RecordingChannel() {
    }

    /**
     * @param sent where the channel records, in order (appended from the calling thread)
     * @return a connection whose {@code createChannel} answers the recording channel
     */
    static Connection connection(List<String> sent) {
        Channel channel = (Channel) Proxy.newProxyInstance(RecordingChannel.class.getClassLoader(),
                new Class<?>[]{Channel.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "basicAck" -> sent.add("ack " + args[0] + ((Boolean) args[1] ? " multiple" : ""));
                        case "basicReject" -> sent.add(((Boolean) args[1] ? "requeue " : "reject ") + args[0]);
                        case "basicPublish" -> sent.add("publish " + args[0]);
                        case "isOpen" -> {
                            return true;
                        }
                        case "getChannelNumber" -> {
                            return 1;
                        }
                        case "toString" -> {
                            return "recording channel";
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> {
                            return defaultValue(method.getReturnType());
                        }
                    }
                    return null;
                });
        return (Connection) Proxy.newProxyInstance(RecordingChannel.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> method.getName().equals("createChannel")
                        ? channel : defaultValue(method.getReturnType()));
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
