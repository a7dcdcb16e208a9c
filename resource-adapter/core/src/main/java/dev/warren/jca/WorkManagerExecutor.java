package dev.warren.jca;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The consumer dispatch executor of the adapter's inbound broker connections: the RabbitMQ client hands each consumer
 * callback (a block of a channel's deliveries, a cancel, a shutdown) to it, and it runs them on the application
 * server's WorkManager threads — so a {@link ChannelConsumer} can call the message endpoint right there
 * ({@link #onDispatchThread()}), one hand-over per message instead of two (reader → client pool → WorkManager).
 *
 * <p>A task's thread keeps running the work it submits itself (the client submits the next block of a channel that
 * still has deliveries from the end of the previous one), so a busy channel holds one WorkManager thread and costs
 * one {@code scheduleWork} per burst, not per block.
 *
 * <p>Never throws from {@link #execute}: the client's work pool marks a channel ready before it submits, and a
 * submission that fails would leave that channel's deliveries stalled for good. Work the WorkManager rejects (at once
 * or later, through its listener) runs on a fallback thread of this executor's own instead, with a WARNING (once until
 * the WorkManager accepts work again); a consumer called there is not on a WorkManager thread and queues its messages
 * for WorkManager work as before this class existed. After {@link #close()} rejected work runs on the caller's thread.
 * The client does not shut down an executor it was given; the adapter calls {@link #close()} after closing the
 * connections. Thread-safe.
 */
final class WorkManagerExecutor extends AbstractExecutorService {
    private static final Logger LOG = Logger.getLogger(WorkManagerExecutor.class.getName());
    /** the task running on this thread; set only while one runs (removed after, so no pool thread keeps it) */
    private static final ThreadLocal<Task> RUNNING = new ThreadLocal<>();

    private final WorkManager workManager;
    private final String name;
    private final AtomicInteger fallbackThreads = new AtomicInteger();
    /** the WorkManager rejected the last work: warn once, until it accepts again */
    private final AtomicBoolean rejecting = new AtomicBoolean();
    private volatile boolean closed;
    private ExecutorService fallback;

    /**
     * @param workManager the adapter's WorkManager
     * @param name names the executor in log lines and its fallback threads
     */
    WorkManagerExecutor(WorkManager workManager, String name) {
        this.workManager = java.util.Objects.requireNonNull(workManager, "workManager");
        this.name = name;
    }

    /**
     * @return whether the calling thread runs a dispatch task of this class: a WorkManager thread on which the client
     *         calls a consumer (never the fallback, nor the client's own pool)
     */
    static boolean onDispatchThread() {
        return RUNNING.get() != null;
    }

    /**
     * Runs the command on a WorkManager thread: the calling task's own thread, after the command it runs now, when
     * called from one of this executor's tasks for the first time during that command; otherwise a scheduled work.
     *
     * @param command the client's dispatch work
     */
    @Override
    public void execute(Runnable command) {
        java.util.Objects.requireNonNull(command, "command");
        Task current = RUNNING.get();
        if (current != null && current.owner() == this && current.next == null) {
            current.next = command; // this thread runs it next: no hand-over
            return;
        }
        Task task = new Task(command);
        try {
            workManager.scheduleWork(task, WorkManager.INDEFINITE, null, task);
        } catch (WorkException | RuntimeException e) {
            task.rejected(e);
            return;
        }
        if (rejecting.get() && !task.wasRejected && rejecting.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "{0}: the WorkManager accepts consumer dispatch work again", name);
        }
    }

    private void runElsewhere(Runnable command, Throwable why) {
        if (rejecting.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, name + ": the WorkManager rejected consumer dispatch work (" + why + "); running it"
                    + " on a fallback thread, whose consumers hand their messages to WorkManager work as usual. Fix:"
                    + " give the resource adapter's WorkManager more threads.", why);
        } else {
            LOG.log(Level.FINE, name + ": the WorkManager rejected consumer dispatch work again (" + why + ")", why);
        }
        try {
            fallback().execute(command);
        } catch (RejectedExecutionException closedMeanwhile) {
            command.run(); // closed: the connections are closed too; this is their last (shutdown) work
        }
    }

    private synchronized ExecutorService fallback() {
        if (closed) {
            throw new RejectedExecutionException(name + " is closed");
        }
        if (fallback == null) {
            fallback = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, name + " fallback " + fallbackThreads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return fallback;
    }

    /** Stops the fallback threads (when the adapter stops, after its connections closed). */
    synchronized void close() {
        closed = true;
        if (fallback != null) {
            fallback.shutdown();
        }
    }

    /** Same as {@link #close()}: the client never calls it on an executor it was given. */
    @Override
    public void shutdown() {
        close();
    }

    @Override
    public List<Runnable> shutdownNow() {
        close();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return closed;
    }

    @Override
    public boolean isTerminated() {
        return closed;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return closed;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * One scheduled work: runs its command, then whatever the command submitted from this thread, and so on. Its own
     * listener: a rejection reported after scheduleWork returned (a start timeout) runs the command elsewhere; the
     * claim makes sure a command runs once, whichever comes first.
     */
    private final class Task extends WorkAdapter implements Work {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final Runnable first;
        /** submitted from this task's thread while a command ran: runs next here; only this thread touches it */
        private Runnable next;
        /** the WorkManager rejected it (perhaps through the listener, before scheduleWork returned) */
        private volatile boolean wasRejected;

        Task(Runnable first) {
            this.first = first;
        }

        WorkManagerExecutor owner() {
            return WorkManagerExecutor.this;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return; // rejected meanwhile and run elsewhere
            }
            RUNNING.set(this);
            try {
                for (Runnable r = first; r != null; ) {
                    next = null;
                    try {
                        r.run();
                    } catch (RuntimeException e) { // the client's dispatch catches its consumers' exceptions
                        LOG.log(Level.SEVERE, name + ": consumer dispatch work failed unexpectedly: " + e, e);
                    }
                    r = next;
                }
            } finally {
                RUNNING.remove();
                Runnable left = next; // not null only when an Error ended the loop: that work must still run
                next = null;
                if (left != null) {
                    execute(left);
                }
            }
        }

        @Override
        public void release() {
            // the client's dispatch work is short; a bean call in progress is waited for by the adapter's stop
        }

        @Override
        public void workRejected(WorkEvent e) {
            rejected(e.getException());
        }

        void rejected(Throwable why) {
            if (claimed.compareAndSet(false, true)) {
                wasRejected = true;
                runElsewhere(first, why);
            }
        }
    }
}
