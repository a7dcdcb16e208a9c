package dev.warren.it.undeploy;

import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.jca.WarrenListener;
import jakarta.annotation.Resource;

import java.nio.charset.StandardCharsets;

/**
 * The work of the ten undeploy beans: {@value #BEAN_MILLIS} ms of processing, then the message's id is published to
 * {@value #DONE} in the delivery transaction (so a record exists exactly when the delivery committed).
 */
public abstract class SlowBean implements WarrenListener {
    public static final long BEAN_MILLIS = 3000;
    public static final String DONE = "warren-it-undeploy-done";
    public static final String QUEUE_PREFIX = "warren-it-undeploy-";

    @Resource(lookup = "java:app/warren/undeploy-cf")
    WarrenConnectionFactory factory;

    @Override
    public void onMessage(Message message) throws Exception {
        Thread.sleep(BEAN_MILLIS);
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(new String(message.body(), StandardCharsets.UTF_8), DONE);
        }
    }
}
