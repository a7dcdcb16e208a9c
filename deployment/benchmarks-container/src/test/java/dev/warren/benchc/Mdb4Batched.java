package dev.warren.benchc;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * Benchmark MDB at concurrency 4 with ackBatchSize=50 (acknowledgements grouped into multiple-acks): otherwise as
 * {@link Mdb4}.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-bench-c-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = ContainerBenchIT.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ContainerBenchIT.MDB_QUEUE + "4b"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = ContainerBenchIT.MDB_QUEUE + "4b"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "ackBatchSize", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "" + ContainerBenchIT.PREFETCH)})
public class Mdb4Batched extends BenchListener implements dev.warren.jca.WarrenListener {
}
