package dev.warren;

import dev.warren.amqp.Warren;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publisher confirms and the publish retry policy against the real broker. */
class ConfirmsIT extends BrokerSupport {

    @Test
    void confirmedPublishReturnsOnceTheBrokerHasIt() throws Exception {
        Queue q = session.declare(Queue.named(queueName("confirmed")));
        Producer p = session.producer(Exchange.DEFAULT).routingKey(q.name()).confirms(Duration.ofSeconds(5));
        for (int i = 0; i < 50; i++) {
            p.publish(Map.of("i", i));
        }
        assertEquals(50, ready(session, q), "every confirmed message is on the queue when publish returns");
    }

    @Test
    void mandatoryConfirmedUnroutableIsReportedToTheCaller() {
        Exchange ex = Exchange.direct(exchangeName("unroutable"));
        PublishException e = assertThrows(PublishException.class, () -> session.producer(ex)
                .publish("lost", PublishOptions.to("nobody").mandatory(true).confirm(Duration.ofSeconds(5))
                        .messageId("u-1")));
        assertEquals(PublishException.Reason.UNROUTABLE, e.reason());
        assertTrue(e.getMessage().startsWith("Cannot publish to exchange '" + ex.name() + "' with routing key"
                + " 'nobody' (message id u-1): the broker returned it as unroutable (312 NO_ROUTE)"), e.getMessage());
        assertTrue(session.isOpen());
    }

    @Test
    void nackIsReportedToTheCaller() {
        Queue q = session.declare(Queue.builder(queueName("full")).maxLength(1)
                .argument("x-overflow", "reject-publish").build());
        Producer p = session.producer(Exchange.DEFAULT).routingKey(q.name());
        p.publish("fits", PublishOptions.NONE.confirm(Duration.ofSeconds(5)));
        PublishException e = assertThrows(PublishException.class,
                () -> p.publish("overflows", PublishOptions.NONE.confirm(Duration.ofSeconds(5)).messageId("n-2")));
        assertEquals(PublishException.Reason.NACKED, e.reason());
        assertTrue(e.getMessage().contains("(message id n-2): the broker nacked it"), e.getMessage());
        assertEquals(1, ready(session, q));
    }

    /**
     * The client's {@code waitForConfirms} can report a nack as a confirm: its reader thread takes the sequence number
     * out of the unconfirmed set before it records the nack, and a publisher that looks in between sees an empty set
     * and no nack (seen under CPU load). The channel here answers as the client does when that happens: true after
     * the broker's real nack. The publish must still fail as nacked.
     */
    @Test
    void aNackIsReportedEvenWhenTheClientTakesItForAConfirm() throws Exception {
        Queue q = session.declare(Queue.builder(queueName("always-full")).maxLength(0)
                .argument("x-overflow", "reject-publish").build());
        try (com.rabbitmq.client.Channel real = connection.createChannel();
             Session s = dev.warren.amqp.internal.ChannelSession.wrap(confirmsTakenForAcks(real), SessionConfig.DEFAULT)) {
            Producer p = s.producer(Exchange.DEFAULT).routingKey(q.name());
            for (int i = 0; i < 3; i++) {
                PublishException e = assertThrows(PublishException.class,
                        () -> p.publish("refused", PublishOptions.NONE.confirm(Duration.ofSeconds(5))));
                assertEquals(PublishException.Reason.NACKED, e.reason(), e.getMessage());
            }
            assertEquals(0, ready(session, q));
            Queue open = session.declare(Queue.named(queueName("open")));
            s.producer(Exchange.DEFAULT).routingKey(open.name()).publish("accepted",
                    PublishOptions.NONE.confirm(Duration.ofSeconds(5))); // a confirm after nacks is still one
            assertEquals(1, ready(session, open));
        }
    }

    /** @return the channel, except that {@code waitForConfirms(timeout)} answers true once the real call returned */
    private static com.rabbitmq.client.Channel confirmsTakenForAcks(com.rabbitmq.client.Channel real) {
        return (com.rabbitmq.client.Channel) java.lang.reflect.Proxy.newProxyInstance(
                com.rabbitmq.client.Channel.class.getClassLoader(), new Class<?>[]{com.rabbitmq.client.Channel.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(real, args);
                        return method.getName().equals("waitForConfirms") && args != null ? Boolean.TRUE : result;
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void sessionWideConfirmsApplyToEveryProducer() {
        try (Session confirming = Warren.open(connection, SessionConfig.DEFAULT
                .withConfirmTimeout(Duration.ofSeconds(5)))) {
            Exchange ex = Exchange.direct(exchangeName("sessionwide"));
            PublishException e = assertThrows(PublishException.class, () -> confirming.producer(ex)
                    .publish("x", PublishOptions.to("none").mandatory(true)));
            assertEquals(PublishException.Reason.UNROUTABLE, e.reason());
        }
    }

    @Test
    void retryPolicyRidesOutAForcedConnectionClose() throws Exception {
        String name = "warren-retry-" + UUID.randomUUID();
        ConnectionFactory cf = new ConnectionFactory();
        cf.setUri(System.getProperty("warren.test.uri", "amqp://guest:guest@127.0.0.1:5672/%2F"));
        cf.setNetworkRecoveryInterval(300);
        try (Connection recovering = cf.newConnection(name);
             Session s = Warren.open(recovering)) {
            Queue q = s.declare(Queue.named(queueName("retry")));
            Producer noRetry = s.producer(Exchange.DEFAULT).routingKey(q.name()).retry(RetryPolicy.NONE);
            Producer patient = s.producer(Exchange.DEFAULT).routingKey(q.name())
                    .retry(new RetryPolicy(40, Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(250)))
                    .confirms(Duration.ofSeconds(5));
            patient.publish("before");

            assertEquals(1, Rabbitmqctl.closeConnectionsNamed(name).size());
            BrokerException lost = assertThrows(BrokerException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    noRetry.publish("without retry");
                    Thread.sleep(10);
                }
            });
            assertTrue(lost.connectionLost(), lost.getMessage());
            patient.publish("after");
            assertEquals(2, ready(session, q), "the retried publish is on the broker, the failed ones are not");
        }
    }
}
