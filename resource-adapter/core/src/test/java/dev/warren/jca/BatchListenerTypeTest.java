package dev.warren.jca;

import dev.warren.LogCapture;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAResource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which beans receive batches, and what batch settings on the wrong kind of bean do: batchSize above 1 for a bean
 * that receives single messages fails the deployment; batchTimeout there, or ackBatchSize on a batch bean, is
 * ignored with one WARNING naming it and the fix; a prefetch below two batches is kept with one WARNING. No broker: decided before anything connects.
 */
class BatchListenerTypeTest {

    /** a bean receiving batches */
    abstract static class BatchBean implements WarrenBatchListener {
    }

    /** a bean receiving single messages */
    abstract static class SingleBean implements WarrenListener {
    }

    @Test
    void aBatchListenerBeanReceivesBatchesAndASingleMessageBeanDoesNot() throws Exception {
        assertTrue(WarrenResourceAdapter.batchListener(factory(BatchBean.class), spec(1, 1000L, 1)));
        assertTrue(WarrenResourceAdapter.batchListener(factory(BatchBean.class), spec(50, 200L, 1)));
        assertFalse(WarrenResourceAdapter.batchListener(factory(SingleBean.class), spec(1, 1000L, 1)));
    }

    @Test
    void batchSizeOnASingleMessageBeanFailsTheDeploymentNamingTheFix() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> WarrenResourceAdapter.batchListener(factory(SingleBean.class), spec(50, 1000L, 1)));
        assertTrue(e.getMessage().contains("batchSize=50") && e.getMessage().contains("SingleBean")
                && e.getMessage().contains("Fix: implement dev.warren.jca.WarrenBatchListener"), e.getMessage());
    }

    @Test
    void batchTimeoutOnASingleMessageBeanAndAckBatchSizeOnABatchBeanAreIgnoredWithAWarning() throws Exception {
        List<String> warnings = warningsOf(() -> WarrenResourceAdapter.batchListener(factory(SingleBean.class),
                spec(1, 250L, 1)));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("batchTimeout='250' is ignored") && warnings.get(0).contains("Fix:"),
                warnings.get(0));
        warnings = warningsOf(() -> WarrenResourceAdapter.batchListener(factory(BatchBean.class), spec(50, 200L, 10)));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("ackBatchSize='10' is ignored") && warnings.get(0).contains("Fix: remove"),
                warnings.get(0));
        assertEquals(List.of(), warningsOf(() -> WarrenResourceAdapter.batchListener(factory(BatchBean.class),
                spec(50, 200L, 1))));
    }

    @Test
    void aPrefetchOfLessThanTwoBatchesIsKeptWithAWarningNamingTheFix() throws Exception {
        WarrenActivationSpec s = spec(50, 200L, 1);
        s.setPrefetch(60);
        List<String> warnings = warningsOf(() -> WarrenResourceAdapter.batchListener(factory(BatchBean.class), s));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("prefetch=60") && warnings.get(0).contains("batchSize=50")
                && warnings.get(0).contains("Fix: set prefetch") && warnings.get(0).contains("prefetch=100."),
                warnings.get(0));
        for (int fine : new int[]{100, 0}) { // two batches, or unlimited
            s.setPrefetch(fine);
            assertEquals(List.of(), warningsOf(() -> WarrenResourceAdapter.batchListener(factory(BatchBean.class), s)),
                    "prefetch=" + fine);
        }
        WarrenActivationSpec one = spec(1, 200L, 1);
        one.setPrefetch(1); // batches of one: nothing to wait for
        assertEquals(List.of(), warningsOf(() -> WarrenResourceAdapter.batchListener(factory(BatchBean.class), one)));
    }

    @Test
    void withoutTheBeanClassBatchSizeDecides() throws Exception {
        assertTrue(WarrenResourceAdapter.batchListener(factory(null), spec(50, 1000L, 1)));
        assertFalse(WarrenResourceAdapter.batchListener(factory(null), spec(1, 1000L, 1)));
    }

    private interface Call {
        void run() throws Exception;
    }

    private static List<String> warningsOf(Call call) throws Exception {
        try (LogCapture log = LogCapture.of(WarrenResourceAdapter.class)) {
            call.run();
            return log.messages();
        }
    }

    private static WarrenActivationSpec spec(int batchSize, long batchTimeout, int ackBatchSize) {
        WarrenActivationSpec s = new WarrenActivationSpec();
        s.setQueue("feed");
        s.setPrefetch(100);
        s.setBatchSize(batchSize);
        s.setBatchTimeout(batchTimeout);
        s.setAckBatchSize(ackBatchSize);
        return s;
    }

    private static TestEndpointFactory factory(Class<?> bean) {
        return new TestEndpointFactory("batch-type-test", bean) {
            @Override
            public MessageEndpoint createEndpoint(XAResource xa) {
                throw new AssertionError("no endpoint is created before the checks pass");
            }
        };
    }
}
