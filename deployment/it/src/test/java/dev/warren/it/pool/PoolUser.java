package dev.warren.it.pool;

import dev.warren.Exchange;
import dev.warren.Message;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.serialization.Accept;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Uses a pool of exactly one pooled channel in every mode, one after another. */
@ConnectionFactoryDefinition(name = "java:app/warren/pool-of-one", resourceAdapter = "warren",
        interfaceName = "dev.warren.jca.WarrenConnectionFactory",
        transactionSupport = TransactionSupportLevel.LocalTransaction, maxPoolSize = 1, minPoolSize = 0,
        properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F", "connectionName=" + PoolUser.CONNECTION_NAME})
@Stateless
public class PoolUser {
    public static final String CONNECTION_NAME = "warren-it-pool-of-one";

    @Resource(lookup = "java:app/warren/pool-of-one")
    WarrenConnectionFactory factory;

    @Resource
    SessionContext context;

    /** Publishes in the container transaction (the channel goes to tx mode). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void inTransaction(String queue, String body) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(body, queue);
        }
    }

    /** A publish confirmed by the broker (the channel goes to confirm mode). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void confirmed(String queue, String body) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).confirms(Duration.ofSeconds(5)).publish(body, queue);
        }
    }

    /** A plain publish, no transaction, no confirm. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void plain(String queue, String body) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(body, queue);
        }
    }

    /**
     * In the container transaction: consumes one message on the handle, acknowledges it, closes the handle; rolls the
     * transaction back when asked.
     *
     * @return the body
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String consumeOneAndAck(String queue, boolean rollback) throws Exception {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        String body;
        try (WarrenConnection c = factory.getConnection()) {
            c.basicQos(1);
            c.basicConsume(queue, false, Accept.parse("json,text"), got::add);
            Message m = got.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new IllegalStateException("nothing consumed from " + queue);
            }
            body = String.valueOf(m.payload());
            m.ack();
        }
        if (rollback) {
            context.setRollbackOnly();
        }
        return body;
    }
}
