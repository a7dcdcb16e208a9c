package dev.warren.amqp;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The three-node cluster ({@link ClusterNodes}), started once per test JVM (so once per module where failsafe keeps
 * one JVM) for every class that has {@code @ExtendWith(SharedCluster.class)}, and destroyed when the JUnit run ends,
 * also when a test failed or was aborted: the cluster lives in the root {@link ExtensionContext.Store} as a
 * {@link ExtensionContext.Store.CloseableResource}. A cluster left over from a killed run is destroyed before the
 * first start, so every run begins from empty nodes.
 *
 * <p>When a test stopped or killed a node (through {@link ClusterNodes#stop}, {@link ClusterNodes#kill}, from any
 * class loader: a marker file records it), the cluster is healed before the next test that uses it (in that test's
 * class set-up or before each test, so the last test of a run costs no heal): stopped nodes are started and rejoin,
 * and the extension waits until every quorum queue has all its members online ({@link ClusterNodes#heal()}).
 *
 * <p>In an Arquillian container's own JUnit run of a test method (configuration parameter
 * {@code insideArquillian}) it does nothing: the client side owns the cluster. Test methods and {@code @BeforeAll}
 * methods may take a {@link ClusterNodes} parameter. Runs must hold
 * {@code /tmp/warren-heavy.lock}. Threading: JUnit calls the callbacks on its own thread, one class at a time.
 */
public final class SharedCluster implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedCluster.class);

    /** The started cluster; closing it destroys the nodes. */
    private static final class Started implements ExtensionContext.Store.CloseableResource {
        private final ClusterNodes nodes;

        Started() throws Exception {
            ClusterNodes handle = ClusterNodes.handle();
            long t0 = System.nanoTime();
            handle.close(); // a cluster left over from an aborted run
            handle.clean();
            long t1 = System.nanoTime();
            this.nodes = ClusterNodes.start();
            System.out.printf("SharedCluster: leftovers destroyed in %.1f s, cluster %s up in %.1f s%n",
                    (t1 - t0) / 1e9, nodes.addresses(), (System.nanoTime() - t1) / 1e9);
        }

        @Override
        public void close() throws Exception {
            long t0 = System.nanoTime();
            nodes.close();
            nodes.clean();
            System.out.printf("SharedCluster: cluster destroyed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * @param context any extension context of the run
     * @return the cluster, started on the first call of the run
     */
    public static ClusterNodes cluster(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, k -> {
            try {
                return new Started();
            } catch (Exception e) {
                throw new IllegalStateException("the three-node cluster did not start: " + e.getMessage(), e);
            }
        }, Started.class).nodes;
    }

    /**
     * @return whether JUnit runs inside an Arquillian container (the in-container run of one test method, which
     *         must neither start nor destroy the cluster the client side owns)
     */
    private static boolean inContainer(ExtensionContext context) {
        return context.getConfigurationParameter("insideArquillian").map(Boolean::parseBoolean).orElse(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!inContainer(context)) {
            healIfDisturbed(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!inContainer(context)) {
            healIfDisturbed(context);
        }
    }

    private static void healIfDisturbed(ExtensionContext context) throws Exception {
        ClusterNodes nodes = cluster(context);
        if (nodes.disturbed()) {
            long t0 = System.nanoTime();
            nodes.heal();
            System.out.printf("SharedCluster: healed before %s in %.1f s%n", context.getDisplayName(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClusterNodes.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }
}
