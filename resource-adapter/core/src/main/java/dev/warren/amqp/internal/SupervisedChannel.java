package dev.warren.amqp.internal;

import dev.warren.amqp.Backoff;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.warren.Supervision;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Supervises the consumers of one {@link ChannelSession} (see {@link Supervision}). It watches the session's
 * channel: a channel-level close by the broker (404, 406, an operator) or a broker-side cancel starts an outage;
 * the repair runs on the {@link Scheduler} after {@link Backoff} waits — reopen the channel when it closed, then run
 * the owner's setup (declare, qos, consume) — until it succeeds or the supervision is closed. A lost connection is
 * left to the client's automatic recovery (it reopens the channel and its consumers); the outage ends when the
 * client reports the channel recovered.
 *
 * <p>Logging: one WARNING when an outage starts (naming the cause), FINE for each failed attempt, one INFO on
 * recovery (how long it took). Thread-safe; repairs never overlap.
 */
public final class SupervisedChannel implements Supervision {
    private static final Logger LOG = Logger.getLogger(SupervisedChannel.class.getName());

    /** Runs repair attempts later: the adapter's timer and WorkManager in a container, a daemon thread in Java SE. */
    @FunctionalInterface
    public interface Scheduler {
        /**
         * @param task what to run
         * @param delayMillis after how long
         * @throws RuntimeException when it cannot be scheduled (the outage is then logged as unrepaired)
         */
        void schedule(Runnable task, long delayMillis);
    }

    private final ChannelSession session;
    private final String name;
    private final Setup setup;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final Runnable onClose;
    private final Object lock = new Object();
    private boolean closed;
    /** a repair is scheduled or running; only one chain of repairs at a time */
    private boolean repairing;
    private long outageStart;
    private int attempts;
    private String cause;

    /**
     * Starts watching the session's channel; the owner has already run its setup once.
     *
     * @param session the consumer's session
     * @param name names the consumer in log lines
     * @param setup declares, sets qos and consumes again
     * @param scheduler runs the repairs
     * @param backoff the waits between attempts
     */
    public SupervisedChannel(ChannelSession session, String name, Setup setup, Scheduler scheduler, Backoff backoff) {
        this(session, name, setup, scheduler, backoff, null);
    }

    private SupervisedChannel(ChannelSession session, String name, Setup setup, Scheduler scheduler, Backoff backoff,
                              Runnable onClose) {
        this.session = Objects.requireNonNull(session, "session");
        this.name = Objects.requireNonNull(name, "name");
        this.setup = Objects.requireNonNull(setup, "setup");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.onClose = onClose;
        watch(session.channel());
    }

    /**
     * A supervision with its own daemon thread for repairs (Java SE), created on first use and stopped on close.
     *
     * @param session the consumer's session
     * @param name names the consumer in log lines
     * @param setup declares, sets qos and consumes again
     * @return the supervision
     */
    static SupervisedChannel withOwnScheduler(ChannelSession session, String name, Setup setup) {
        OwnThread thread = new OwnThread(name);
        return new SupervisedChannel(session, name, setup, thread, Backoff.DEFAULT, thread::stop);
    }

    private void watch(Channel channel) {
        channel.addShutdownListener(cause -> channelClosed(channel, cause));
        if (channel instanceof Recoverable) {
            ((Recoverable) channel).addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recoverable) {
                    if (channel == session.channel()) {
                        recovered("the client's automatic recovery reopened the connection");
                    }
                }

                @Override
                public void handleRecoveryStarted(Recoverable recoverable) {
                    // the WARNING was logged when the connection was lost
                }
            });
        }
    }

    private void channelClosed(Channel channel, ShutdownSignalException signal) {
        if (channel != session.channel() || signal.isInitiatedByApplication()) {
            return; // replaced already, or closed by the application (the owner is stopping)
        }
        String reason = describe(signal);
        if (signal.isHardError() && channel instanceof Recoverable) {
            synchronized (lock) {
                if (!closed && beginOutage(reason)) {
                    LOG.log(Level.WARNING, "{0}: the broker connection was lost ({1}); the client''s automatic"
                            + " recovery reopens it with this consumer", new Object[]{name, reason});
                }
            }
            return;
        }
        if (!session.canReopen()) {
            LOG.log(Level.WARNING, "{0}: the broker closed the channel ({1}) and this session cannot reopen it, so the"
                    + " consumer stops. Fix: open the session on a connection (Warren.open(connection)) so that its"
                    + " consumers are supervised.", new Object[]{name, reason});
            return;
        }
        outage("the broker closed the channel (" + reason + ")");
    }

    @Override
    public void consumerCancelled(String consumerTag) {
        outage("the broker cancelled consumer " + consumerTag + " (queue deleted?)");
    }

    /**
     * Records the start of an outage unless one is already running (caller holds {@code lock}).
     *
     * @param reason what happened, kept for the recovery log line
     * @return true when this starts a new outage (the caller logs its one WARNING)
     */
    private boolean beginOutage(String reason) {
        if (outageStart != 0) {
            return false;
        }
        outageStart = System.currentTimeMillis();
        attempts = 0;
        cause = reason;
        return true;
    }

    private void outage(String reason) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (beginOutage(reason)) {
                LOG.log(Level.WARNING, "{0}: {1}; consuming again as soon as possible (attempts {2} ms apart at first,"
                        + " at most {3} ms)", new Object[]{name, reason, String.valueOf(backoff.delayMillis(1)),
                        String.valueOf(backoff.max().toMillis())});
            }
            if (repairing) {
                return;
            }
            repairing = true;
        }
        scheduleRepair(1);
    }

    private void scheduleRepair(int attempt) {
        try {
            scheduler.schedule(this::repair, backoff.delayMillis(attempt));
        } catch (RuntimeException e) {
            synchronized (lock) {
                repairing = false;
            }
            LOG.log(Level.SEVERE, name + ": cannot schedule the repair of the consumer (" + e + "); it consumes"
                    + " nothing until the application is redeployed", e);
        }
    }

    private void repair() {
        int attempt;
        synchronized (lock) {
            if (closed) {
                repairing = false;
                return;
            }
            attempt = ++attempts;
        }
        try {
            boolean fresh = !session.isOpen();
            if (fresh) {
                session.reopen();
                watch(session.channel());
            } else {
                session.forgetDeclarations(); // a deleted queue must be declared again
            }
            setup.run(fresh);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, name + ": repair attempt " + attempt + " failed: " + e.getMessage(), e);
            synchronized (lock) {
                if (closed) {
                    repairing = false;
                    return;
                }
            }
            scheduleRepair(attempt + 1);
            return;
        }
        synchronized (lock) {
            repairing = false;
        }
        recovered("attempt " + attempt);
    }

    private void recovered(String how) {
        long started;
        String was;
        synchronized (lock) {
            started = outageStart;
            was = cause;
            outageStart = 0;
            cause = null;
        }
        if (started != 0) {
            LOG.log(Level.INFO, "{0}: consuming again after {1} ms ({2}); the outage began with: {3}",
                    new Object[]{name, String.valueOf(System.currentTimeMillis() - started), how, was});
        }
    }

    @Override
    public boolean recovering() {
        synchronized (lock) {
            return outageStart != 0;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        if (onClose != null) {
            onClose.run();
        }
    }

    private static String describe(ShutdownSignalException signal) {
        Method reason = signal.getReason();
        if (reason instanceof AMQP.Channel.Close c) {
            return c.getReplyCode() + " " + c.getReplyText();
        }
        if (reason instanceof AMQP.Connection.Close c) {
            return c.getReplyCode() + " " + c.getReplyText();
        }
        return String.valueOf(signal.getMessage());
    }

    @Override
    public String toString() {
        return "SupervisedChannel(" + name + ", " + session + ")";
    }

    /** Java SE: one daemon thread, started on the first outage, stopped when the supervision closes. */
    private static final class OwnThread implements Scheduler {
        private final String name;
        private ScheduledExecutorService executor;

        OwnThread(String name) {
            this.name = name;
        }

        @Override
        public synchronized void schedule(Runnable task, long delayMillis) {
            if (executor == null) {
                ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "warren-supervisor " + name);
                    t.setDaemon(true);
                    return t;
                });
                e.setRemoveOnCancelPolicy(true);
                executor = e;
            }
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }

        synchronized void stop() {
            if (executor != null) {
                executor.shutdownNow();
                executor = null;
            }
        }
    }
}
