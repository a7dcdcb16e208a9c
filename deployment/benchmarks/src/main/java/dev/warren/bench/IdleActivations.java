package dev.warren.bench;

import dev.warren.Message;
import dev.warren.jca.ExecutorBootstrapContext;
import dev.warren.jca.WarrenActivationSpec;
import dev.warren.jca.WarrenListener;
import dev.warren.jca.WarrenResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Heap held by idle activations: the resource adapter (no container: a WorkManager on an executor, endpoints from a
 * stub factory) activates N listeners, each on its own empty queue with concurrency 1, and the heap used after a
 * full GC is compared before and after. Also counts the broker's connections of the run while they are active
 * (they share the adapter's one inbound connection). Measures what the adapter and the RabbitMQ client keep per
 * activation (consumer channel, supervision, configuration); a container adds its own MDB pool on top.
 */
final class IdleActivations {
    /** What was measured. */
    record Measurement(int activations, double heapPerActivationKiB, double heapBeforeMiB, double heapAfterMiB,
                       int brokerConnections, int brokerChannels) {
    }

    private final BrokerFixture broker;

    IdleActivations(BrokerFixture broker) {
        this.broker = broker;
    }

    Measurement run(String uri, int n) throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        WarrenResourceAdapter ra = new WarrenResourceAdapter();
        String connectionName = "warren-bench-" + broker.runId() + "-idle";
        ra.setUri(uri);
        ra.setConnectionName(connectionName);
        ra.start(new ExecutorBootstrapContext(pool));
        List<WarrenActivationSpec> specs = new ArrayList<>();
        List<MessageEndpointFactory> factories = new ArrayList<>();
        try {
            // one activation first, so the connection, codec and class loading are not charged to the N measured
            activate(ra, specs, factories, "warm");
            double before = Allocation.heapAfterGcMiB();
            for (int i = 0; i < n; i++) {
                activate(ra, specs, factories, "idle-" + i);
            }
            double after = Allocation.heapAfterGcMiB();
            CostProbe probe = new CostProbe(broker.runId());
            int[] counts = probe.brokerConnectionsNamed(connectionName);
            return new Measurement(n, (after - before) * 1024 / n, before, after, counts[0], counts[1]);
        } finally {
            for (int i = 0; i < specs.size(); i++) {
                ra.endpointDeactivation(factories.get(i), specs.get(i));
            }
            ra.stop();
            pool.shutdownNow();
        }
    }

    private void activate(WarrenResourceAdapter ra, List<WarrenActivationSpec> specs,
                          List<MessageEndpointFactory> factories, String label) throws Exception {
        String queue = broker.newQueue(label);
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue(queue);
        spec.setDurable(false);
        spec.setConcurrency(1);
        spec.setPrefetch(100);
        MessageEndpointFactory factory = new IdleFactory();
        ra.endpointActivation(factory, spec);
        specs.add(spec);
        factories.add(factory);
    }

    /** Endpoints for listeners that never get a message (the queues stay empty). */
    private static final class IdleFactory implements MessageEndpointFactory {
        @Override
        public MessageEndpoint createEndpoint(XAResource xa) {
            return (MessageEndpoint) Proxy.newProxyInstance(IdleActivations.class.getClassLoader(),
                    new Class<?>[] {MessageEndpoint.class, WarrenListener.class}, (p, m, args) -> {
                        if (m.getName().equals("onMessage")) {
                            ((Message) args[0]).ack();
                        }
                        return null;
                    });
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xa, long timeout) {
            return createEndpoint(xa);
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "idle-" + System.identityHashCode(this);
        }

        @Override
        public Class<?> getEndpointClass() {
            return WarrenListener.class;
        }
    }
}
