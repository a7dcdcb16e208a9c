package dev.warren.benchc;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * As {@link Mdb1Batch50}, with prefetch 200 (4 × batchSize) instead of 100 (2 ×): does a deeper window keep the
 * broker sending while a batch is in the bean's hands?
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-bench-c-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = ContainerBenchIT.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ContainerBenchIT.MDB_QUEUE + "1batch-p200"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = ContainerBenchIT.MDB_QUEUE + "1batch-p200"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "batchSize", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "batchTimeout", propertyValue = "20"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "200")})
public class Mdb1Batch50Prefetch200 extends BenchBatchListener implements dev.warren.jca.WarrenBatchListener {
}
