package dev.warren.benchc;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** Benchmark MDB at concurrency 4: decodes the payload (kombu-style) and returns, so the adapter acks. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-bench-c-inbound"),
        @ActivationConfigProperty(propertyName = "exchange", propertyValue = ContainerBenchIT.EXCHANGE),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = ContainerBenchIT.MDB_QUEUE + "4"),
        @ActivationConfigProperty(propertyName = "routingKey", propertyValue = ContainerBenchIT.MDB_QUEUE + "4"),
        @ActivationConfigProperty(propertyName = "concurrency", propertyValue = "4"),
        @ActivationConfigProperty(propertyName = "prefetch", propertyValue = "" + ContainerBenchIT.PREFETCH)})
public class Mdb4 extends BenchListener implements dev.warren.jca.WarrenListener {
}
