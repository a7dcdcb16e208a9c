package dev.warren.internal;

import dev.warren.Acknowledger;
import dev.warren.DeliveryInfo;
import dev.warren.Message;
import dev.warren.MessageProperties;
import dev.warren.serialization.Accept;
import dev.warren.serialization.MessageCodec;

import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * Internal, not API: creates received messages for sessions and the resource adapter; {@link Message}'s
 * constructor is package-private, and Message hands this class its constructor when it is initialized.
 * Applications receive messages and never create them. Thread-safe.
 */
public final class Messages {

    /** Message's constructor, as Message registers it. */
    @FunctionalInterface
    public interface Maker {
        /**
         * @param body the raw body
         * @param properties its properties
         * @param delivery where it came from
         * @param acknowledger settles it, or null when it cannot be settled
         * @param initial {@link Message.State#RECEIVED}, {@link Message.State#AUTO_ACKED} or
         *        {@link Message.State#RETURNED}
         * @param codec decodes the payload
         * @param accept the serializers the receiver accepts
         * @return the message
         */
        Message make(byte[] body, MessageProperties properties, DeliveryInfo delivery, Acknowledger acknowledger,
                     Message.State initial, MessageCodec codec, Accept accept);
    }

    private static volatile Maker maker;

    private Messages() {
    }

    /**
     * Called once, by Message's static initializer.
     *
     * @param constructor Message's constructor
     * @throws IllegalStateException when called a second time
     */
    public static synchronized void register(Maker constructor) {
        if (maker != null) {
            throw new IllegalStateException("Message's constructor is registered already; only Message registers it");
        }
        maker = Objects.requireNonNull(constructor, "constructor");
    }

    /**
     * Creates a received message.
     *
     * @param body the raw body
     * @param properties its properties
     * @param delivery where it came from
     * @param acknowledger settles it, or null when it cannot be settled
     * @param initial {@link Message.State#RECEIVED}, {@link Message.State#AUTO_ACKED} or {@link Message.State#RETURNED}
     * @param codec decodes the payload
     * @param accept the serializers the receiver accepts
     * @return the message
     */
    public static Message received(byte[] body, MessageProperties properties, DeliveryInfo delivery,
                                   Acknowledger acknowledger, Message.State initial, MessageCodec codec,
                                   Accept accept) {
        Maker m = maker;
        if (m == null) {
            try {
                MethodHandles.lookup().ensureInitialized(Message.class); // its static initializer registers
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot initialize " + Message.class.getName(), e);
            }
            m = maker;
        }
        return m.make(body, properties, delivery, acknowledger, initial, codec, accept);
    }
}
