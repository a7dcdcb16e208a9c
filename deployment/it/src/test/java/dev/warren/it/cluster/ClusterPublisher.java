package dev.warren.it.cluster;

import dev.warren.Exchange;
import dev.warren.PublishOptions;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import java.util.Map;

/**
 * Publishes through the pooled connection factory with the three-node addresses, publisher confirms and the
 * factory's default publish retry policy (retry* defaults: 1, 2, 3, 3, 3 s).
 */
@ConnectionFactoryDefinition(name = "java:app/warren/cluster-cf", resourceAdapter = "warren",
        interfaceName = "dev.warren.jca.WarrenConnectionFactory",
        transactionSupport = TransactionSupportLevel.LocalTransaction, maxPoolSize = 8, minPoolSize = 0,
        properties = {"addresses=" + ClusterContainerIT.ADDRESSES, "connectionName=" + ClusterContainerIT.OUTBOUND_NAME,
                "publisherConfirms=true"})
@Stateless
public class ClusterPublisher {
    @Resource(lookup = "java:app/warren/cluster-cf")
    WarrenConnectionFactory factory;

    /**
     * Publishes one confirmed message; retries are applied outside transactions only, hence NOT_SUPPORTED.
     *
     * @param id the message id
     * @throws Exception when the publish failed after the retries (reported to the caller, never silent)
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void publish(String id) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(Map.of("id", id),
                    PublishOptions.to(ClusterContainerIT.QUEUE).messageId(id));
        }
    }

    /**
     * Publishes one confirmed message to a queue through the default exchange.
     *
     * @param queue the queue's name (routing key)
     * @param id the message id
     * @throws Exception when the publish failed after the retries
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void publishTo(String queue, String id) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(Map.of("id", id), PublishOptions.to(queue).messageId(id));
        }
    }
}
