package dev.warren.jca;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 * one {@code scheduleWork} per burst, not per block. A task that ran out of work waits a little ({@link #LINGER},
 * parked, no CPU) before it gives its thread back; work submitted from elsewhere meanwhile (the connection's reader,
 * when a channel's next delivery arrives) goes to such a waiting task with one wake-up, instead of a
 * {@code scheduleWork}: with several channels that often run dry between deliveries, the WorkManager's own
 * bookkeeping per work (on the reader's thread and on the worker's) was the largest part of the hand-over.
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
    /** how long a task that ran out of work waits for more before it gives its WorkManager thread back */
    static final long LINGER = TimeUnit.MICROSECONDS.toNanos(500);

    private final WorkManager workManager;
    private final String name;
    private final AtomicInteger fallbackThreads = new AtomicInteger();
    /** the WorkManager rejected the last work: warn once, until it accepts again */
    private final AtomicBoolean rejecting = new AtomicBoolean();
    private volatile boolean closed;
    private ExecutorService fallback;
    /** tasks waiting for work, the one that waited least first (its thread's caches are the warmest) */
    private final ConcurrentLinkedDeque<Task> waiting = new ConcurrentLinkedDeque<>();
    private final long lingerNanos;

    /**
     * @param workManager the adapter's WorkManager
     * @param name names the executor in log lines and its fallback threads
     */
    WorkManagerExecutor(WorkManager workManager, String name) {
        this(workManager, name, LINGER);
    }

    /**
     * @param lingerNanos how long a task that ran out of work waits for more (0: it gives its thread back at once)
     */
    WorkManagerExecutor(WorkManager workManager, String name, long lingerNanos) {
        this.workManager = java.util.Objects.requireNonNull(workManager, "workManager");
        this.name = name;
        this.lingerNanos = lingerNanos;
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
     * called from one of this executor's tasks for the first time during that command; else a task waiting for work;
     * otherwise a scheduled work.
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
        for (Task t; (t = waiting.pollFirst()) != null; ) {
            if (t.handOver(command)) {
                return; // a waiting task runs it: one wake-up
            } // it stopped waiting meanwhile: try the next
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

    /** Stops the fallback threads and ends waiting tasks (when the adapter stops, after its connections closed). */
    void close() {
        synchronized (this) {
            closed = true;
            if (fallback != null) {
                fallback.shutdown();
            }
        }
        for (Task t : waiting) {
            LockSupport.unpark(t.thread); // it sees closed and gives its thread back
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

    /** {@link Task} states: running commands, waiting for one (in {@link #waiting}), being handed one, ended */
    private static final int RUNS = 0;
    private static final int WAITING = 1;
    private static final int TAKEN = 2;
    private static final int DONE = 3;

    /**
     * One scheduled work: runs its command, then whatever the command submitted from this thread, and so on; out of
     * work, it waits up to the linger for a command {@link #execute} hands it, and ends when none came. Its own
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
        /** RUNS, WAITING (in {@link #waiting}), TAKEN (a command is being handed over) or DONE */
        private final AtomicInteger state = new AtomicInteger(RUNS);
        /** the command handed over while waiting */
        private volatile Runnable handed;
        /** the thread that waits (set before the task is offered to execute) */
        private volatile Thread thread;
        /** the WorkManager asked the work to end ({@link #release()}) */
        private volatile boolean released;

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
                    r = next != null ? next : awaitWork();
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

        /**
         * Out of work: waits up to the linger for a command handed over by {@link #execute}.
         *
         * @return that command, or null: give the thread back
         */
        private Runnable awaitWork() {
            if (lingerNanos <= 0 || closed || released) {
                return null;
            }
            handed = null;
            thread = Thread.currentThread();
            state.set(WAITING);
            waiting.addFirst(this);
            long deadline = System.nanoTime() + lingerNanos;
            for (long left = lingerNanos; left > 0 && state.get() == WAITING && !closed && !released;
                 left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
            if (state.compareAndSet(WAITING, DONE)) {
                waiting.remove(this); // nobody took it (execute may have polled it and lost the race: then it is gone)
                return null;
            }
            Runnable command;
            while ((command = handed) == null) {
                Thread.onSpinWait(); // taken: the command follows at once
            }
            state.set(RUNS);
            return command;
        }

        /** @return whether this waiting task took the command (false: it stopped waiting meanwhile) */
        boolean handOver(Runnable command) {
            if (!state.compareAndSet(WAITING, TAKEN)) {
                return false;
            }
            handed = command;
            LockSupport.unpark(thread);
            return true;
        }

        @Override
        public void release() {
            // the client's dispatch work is short; a bean call in progress is waited for by the adapter's stop. A
            // waiting task stops waiting.
            released = true;
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
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
