package dev.warren.jca;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.Timer;
import java.util.concurrent.ExecutorService;

/**
 * Test support: a bootstrap context whose WorkManager runs work on an executor, for the adapter without a container.
 * No XA terminator, transaction registry or work contexts. Shared with the benchmarks' idle-activations scenario
 * through the test jar. Thread-safe as far as the executor is; doWork runs on the caller's thread.
 */
public final class ExecutorBootstrapContext implements BootstrapContext {
    private final WorkManager workManager;

    /** @param pool runs started and scheduled work; the caller shuts it down */
    public ExecutorBootstrapContext(ExecutorService pool) {
        this(new PoolWorkManager(pool));
    }

    /** @param workManager the context's WorkManager (a {@link PoolWorkManager} that a test changes, say) */
    public ExecutorBootstrapContext(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public WorkManager getWorkManager() {
        return workManager;
    }

    @Override
    public XATerminator getXATerminator() {
        return null;
    }

    @Override
    public Timer createTimer() {
        return new Timer(true);
    }

    @Override
    public boolean isContextSupported(Class<? extends WorkContext> type) {
        return false;
    }

    @Override
    public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
        return null;
    }

    /**
     * A WorkManager that runs started and scheduled work on an executor (rejecting as the executor does: with its
     * RejectedExecutionException), and work to do on the caller's thread; listeners and contexts are ignored.
     */
    public static class PoolWorkManager implements WorkManager {
        private final ExecutorService pool;

        /** @param pool runs started and scheduled work */
        public PoolWorkManager(ExecutorService pool) {
            this.pool = pool;
        }

        @Override
        public void doWork(Work work) {
            work.run();
        }

        @Override
        public void doWork(Work work, long timeout, ExecutionContext ctx, WorkListener l) {
            work.run();
        }

        @Override
        public long startWork(Work work) {
            pool.execute(work);
            return 0;
        }

        @Override
        public long startWork(Work work, long timeout, ExecutionContext ctx, WorkListener l) {
            return startWork(work);
        }

        @Override
        public void scheduleWork(Work work) throws jakarta.resource.spi.work.WorkException {
            pool.execute(work);
        }

        @Override
        public void scheduleWork(Work work, long timeout, ExecutionContext ctx, WorkListener l)
                throws jakarta.resource.spi.work.WorkException {
            pool.execute(work);
        }
    }
}
