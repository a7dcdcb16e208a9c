package dev.warren.jca;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkRejectedException;
import dev.warren.LogCapture;
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
import java.util.logging.Level;

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
    private final LogCapture logged = LogCapture.of(WorkManagerExecutor.class);

    @AfterEach
    void tearDown() {
        logged.close();
        pool.shutdownNow();
    }

    /**
     * A WorkManager on the pool that rejects the scheduleWork calls {@code reject} says, as told, and counts the works
     * that finished (gave their thread back).
     */
    private final class Wm extends ExecutorBootstrapContext.PoolWorkManager {
        final AtomicInteger scheduled = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
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
            super.scheduleWork(new Work() {
                @Override
                public void release() {
                    work.release();
                }

                @Override
                public void run() {
                    try {
                        work.run();
                    } finally {
                        finished.incrementAndGet();
                    }
                }
            }, timeout, ctx, l);
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
    void workFromElsewhereGoesToAWaitingTaskWithoutAnotherScheduleWorkAndTheThreadIsGivenBackAfterTheLinger()
            throws Exception {
        Wm wm = new Wm();
        AtomicInteger finished = wm.finished;
        WorkManagerExecutor executor = new WorkManagerExecutor(wm, "test dispatch",
                TimeUnit.SECONDS.toNanos(5));
        List<Thread> threads = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        executor.execute(() -> {
            threads.add(Thread.currentThread());
            first.countDown();
        });
        assertTrue(first.await(10, TimeUnit.SECONDS));
        Thread.sleep(50); // the task ran out of work and waits
        assertEquals(0, finished.get(), "the task still holds its thread while it waits for more");
        CountDownLatch second = new CountDownLatch(1);
        executor.execute(() -> { // from the test thread, as the connection's reader submits a channel's next block
            threads.add(Thread.currentThread());
            assertTrue(WorkManagerExecutor.onDispatchThread());
            second.countDown();
        });
        assertTrue(second.await(10, TimeUnit.SECONDS));
        assertEquals(1, wm.scheduled.get(), "handed to the waiting task: no second scheduleWork");
        assertEquals(1, threads.stream().distinct().count(), "the same WorkManager thread ran both: " + threads);
        executor.close();
        long deadline = System.currentTimeMillis() + 2_000;
        while (finished.get() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, finished.get(), "close() ends a waiting task at once, not after its 5 s linger");

        WorkManagerExecutor brief = new WorkManagerExecutor(wm, "test dispatch",
                TimeUnit.MILLISECONDS.toNanos(20));
        CountDownLatch ran = new CountDownLatch(1);
        brief.execute(ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        deadline = System.currentTimeMillis() + 2_000;
        while (finished.get() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(2, finished.get(), "without more work the task gives its thread back after the linger");
        CountDownLatch later = new CountDownLatch(1);
        brief.execute(later::countDown);
        assertTrue(later.await(10, TimeUnit.SECONDS), "work after the linger is scheduled again");
        assertEquals(3, wm.scheduled.get());
        brief.close();
    }

    @Test
    void manyCommandsFromManyThreadsEachRunOnceWhileTasksComeAndGo() throws Exception {
        Wm wm = new Wm();
        WorkManagerExecutor executor = new WorkManagerExecutor(wm, "test dispatch", TimeUnit.MICROSECONDS.toNanos(50));
        int threads = 4;
        int each = 5_000;
        java.util.concurrent.atomic.AtomicIntegerArray runs = new java.util.concurrent.atomic.AtomicIntegerArray(
                threads * each);
        CountDownLatch done = new CountDownLatch(threads * each);
        List<Thread> submitters = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            Thread s = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    int id = base + i;
                    executor.execute(() -> {
                        runs.incrementAndGet(id);
                        done.countDown();
                    });
                    if (i % 64 == 0) {
                        // let tasks run dry and wait, or give their threads back
                        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                    }
                }
            });
            submitters.add(s);
            s.start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), "every command ran: " + done.getCount() + " left");
        for (Thread s : submitters) {
            s.join();
        }
        Thread.sleep(100);
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(1, runs.get(i), "command " + i + " ran once");
        }
        executor.close();
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
            assertEquals(1, logged.at(Level.WARNING).size(),
                    "one WARNING for a run of rejections (listener: " + viaListener + ")");
            assertTrue(logged.messages().stream().anyMatch(m -> m.contains("test: no thread for work")
                    && m.contains("Fix:")), "the warning says why and what to do");
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
