package dev.warren.jca;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbound connections' dispatch executor: work runs on WorkManager threads (and says so), work a task submits
 * runs next on the same thread without another scheduleWork, and a WorkManager that rejects work — by throwing, or
 * through the listener — never makes {@code execute} throw nor loses or doubles a command (the client would
 * stall the channel): it runs once on a fallback thread, which is not a dispatch thread, with one WARNING.
 */
class WorkManagerExecutorTest {
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> new Thread(r, "test-wm"));
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(WorkManagerExecutor.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    {
        log.addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        log.removeHandler(capture);
        pool.shutdownNow();
    }

    /** A WorkManager on the pool that rejects the scheduleWork calls {@code reject} says, as told. */
    private final class Wm extends ExecutorBootstrapContext.PoolWorkManager {
        final AtomicInteger scheduled = new AtomicInteger();
        volatile java.util.function.IntPredicate reject = n -> false;
        /** rejects through the listener (and returns normally) instead of throwing */
        volatile boolean viaListener;

        Wm() {
            super(pool);
        }

        @Override
        public void scheduleWork(Work work, long timeout, ExecutionContext ctx, WorkListener l)
                throws jakarta.resource.spi.work.WorkException {
            int n = scheduled.incrementAndGet();
            if (reject.test(n)) {
                WorkRejectedException e = new WorkRejectedException("test: no thread for work " + n);
                if (!viaListener) {
                    throw e;
                }
                l.workRejected(new WorkEvent(this, WorkEvent.WORK_REJECTED, work, e)); // and returns normally
                return;
            }
            super.scheduleWork(work, timeout, ctx, l);
        }
    }

    @Test
    void runsOnWorkManagerThreadsAndKeepsTheThreadForWorkItSubmits() throws Exception {
        Wm wm = new Wm();
        WorkManagerExecutor executor = new WorkManagerExecutor(wm, "test dispatch");
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        List<Boolean> dispatch = new CopyOnWriteArrayList<>();
        AtomicInteger left = new AtomicInteger(5);
        Runnable[] step = new Runnable[1];
        step[0] = () -> { // as the client's work pool: each block submits the next while the channel has work
            threads.add(Thread.currentThread());
            dispatch.add(WorkManagerExecutor.onDispatchThread());
            if (left.decrementAndGet() > 0) {
                executor.execute(step[0]);
            } else {
                done.countDown();
            }
        };
        executor.execute(step[0]);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(1, wm.scheduled.get(), "one scheduleWork for five blocks submitted from the task itself");
        assertEquals(1, threads.stream().distinct().count(), "all on the same thread: " + threads);
        assertTrue(threads.get(0).getName().startsWith("test-wm"), threads.get(0).getName());
        assertEquals(List.of(true, true, true, true, true), dispatch);
        assertFalse(WorkManagerExecutor.onDispatchThread(), "the test thread is not a dispatch thread");
    }

    @Test
    void rejectedWorkRunsOnceOnAFallbackThreadWithOneWarningAndExecuteNeverThrows() throws Exception {
        for (boolean viaListener : new boolean[]{false, true}) {
            logged.clear();
            Wm wm = new Wm();
            wm.viaListener = viaListener;
            wm.reject = n -> n <= 20; // the first half
            WorkManagerExecutor executor = new WorkManagerExecutor(wm, "test dispatch");
            int commands = 40;
            CountDownLatch ran = new CountDownLatch(commands);
            AtomicInteger runs = new AtomicInteger();
            List<String> fallbackThreads = new CopyOnWriteArrayList<>();
            for (int i = 0; i < commands; i++) {
                executor.execute(() -> { // never throws
                    runs.incrementAndGet();
                    if (!WorkManagerExecutor.onDispatchThread()) {
                        fallbackThreads.add(Thread.currentThread().getName());
                    }
                    ran.countDown();
                });
            }
            assertTrue(ran.await(10, TimeUnit.SECONDS), "every command ran (listener: " + viaListener + ")");
            Thread.sleep(100);
            assertEquals(commands, runs.get(), "each command ran once (listener: " + viaListener + ")");
            assertEquals(commands / 2, fallbackThreads.size(), "the rejected ones ran on the fallback");
            assertTrue(fallbackThreads.stream().allMatch(t -> t.startsWith("test dispatch fallback")),
                    fallbackThreads.toString());
            assertEquals(1, logged.stream().filter(r -> r.getLevel() == Level.WARNING).count(),
                    "one WARNING for a run of rejections (listener: " + viaListener + ")");
            assertTrue(logged.stream().anyMatch(r -> r.getMessage().contains("test: no thread for work")
                    && r.getMessage().contains("Fix:")), "the warning says why and what to do");
            executor.close();
        }
    }

    @Test
    void afterCloseRejectedWorkRunsOnTheCallersThread() {
        Wm wm = new Wm();
        wm.reject = n -> true;
        WorkManagerExecutor executor = new WorkManagerExecutor(wm, "test dispatch");
        executor.close();
        Thread[] ranOn = new Thread[1];
        executor.execute(() -> ranOn[0] = Thread.currentThread());
        assertEquals(Thread.currentThread(), ranOn[0]);
        assertTrue(executor.isShutdown());
    }

    @Test
    void rejectsNothingAndNeedsACommand() {
        WorkManagerExecutor executor = new WorkManagerExecutor(new Wm(), "test dispatch");
        try {
            executor.execute(null);
        } catch (NullPointerException expected) {
            return;
        } catch (RejectedExecutionException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("a null command is refused");
    }
}
