package dev.warren.benchc;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * Benchmark batch MDB at concurrency 4: WarrenBatchListener with batchSize 50 (one container call, one transaction
 * and one multiple-ack per 50 messages), batchTimeout 20 ms; reads every message's payload (decoded by the adapter
 * before the call, as the per-message MDBs decode theirs) and returns.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-bench-c-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = ContainerBenchIT.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ContainerBenchIT.MDB_QUEUE + "4batch"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = ContainerBenchIT.MDB_QUEUE + "4batch"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "batchSize", propertyValue = "50"),
        @ActivationConfigProperty(propertyName = "batchTimeout", propertyValue = "20"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "" + ContainerBenchIT.PREFETCH)})
public class Mdb4Batch50 extends BenchBatchListener implements dev.warren.jca.WarrenBatchListener {
}
