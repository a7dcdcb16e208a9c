package dev.warren.it.undeploy;

import dev.warren.Message;
import dev.warren.testsupport.Broker;
import dev.warren.jca.WarrenListener;

/**
 * The work of the ten undeploy beans: {@value #BEAN_MILLIS} ms of processing, then the message's id is recorded in
 * {@value #DONE} through a plain client connection. The beans run without a transaction (NOT_SUPPORTED) and record
 * without application resources: while undeploying, Payara withdraws the application's connection factories and
 * marks the transactions of its beans rollback-only before it deactivates the endpoints, so in-flight work that
 * needs either cannot complete (it is requeued: nothing is lost, but nothing shows the drain either).
 */
public abstract class SlowBean implements WarrenListener {
    public static final long BEAN_MILLIS = 3000;
    public static final String DONE = "warren-it-undeploy-done";
    public static final String QUEUE_PREFIX = "warren-it-undeploy-";

    @Override
    public void onMessage(Message message) throws Exception {
        Thread.sleep(BEAN_MILLIS);
        try (Broker broker = new Broker()) {
            broker.publish("", DONE, null, message.body());
        }
    }
}
