package dev.warren.jca;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.Timer;
import java.util.TimerTask;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The adapter's delayed background work (activation set-up retries, consumer repairs, resuming quiesced consumers),
 * on the application server's threads: the BootstrapContext's timer fires, the work runs on its WorkManager. No
 * thread of Warren's own. Thread-safe.
 */
final class BackgroundWork {
    private static final Logger LOG = Logger.getLogger(BackgroundWork.class.getName());

    private final WorkManager workManager;
    private final Timer timer;
    private volatile boolean stopped;

    /**
     * @param ctx the adapter's bootstrap context
     * @throws UnavailableException when the server cannot give a timer now
     */
    BackgroundWork(BootstrapContext ctx) throws UnavailableException {
        this.workManager = ctx.getWorkManager();
        this.timer = ctx.createTimer(); // null from a broken context: scheduling then fails clearly
    }

    /**
     * Runs {@code task} on a WorkManager thread after {@code delayMillis}.
     *
     * @param what names the work in log lines
     * @param task the work; an exception it throws is logged
     * @param delayMillis the delay
     * @return the timer task, to cancel
     * @throws IllegalStateException when the adapter stopped
     */
    TimerTask schedule(String what, Runnable task, long delayMillis) {
        if (stopped) {
            throw new IllegalStateException("The Warren resource adapter is stopped; not scheduling " + what);
        }
        if (timer == null) {
            throw new IllegalStateException("The application server gave the Warren resource adapter no timer"
                    + " (BootstrapContext.createTimer returned null); cannot schedule " + what);
        }
        TimerTask t = new TimerTask() {
            @Override
            public void run() {
                submit(what, task);
            }
        };
        timer.schedule(t, Math.max(0, delayMillis));
        return t;
    }

    private void submit(String what, Runnable task) {
        if (stopped) {
            return;
        }
        try {
            workManager.scheduleWork(new Work() {
                @Override
                public void run() {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, what + " failed: " + e, e);
                    }
                }

                @Override
                public void release() {
                    // short tasks; nothing to interrupt
                }
            });
        } catch (WorkException | RuntimeException e) {
            LOG.log(Level.WARNING, "The WorkManager refused " + what + " (" + e + "); trying again in 1 s", e);
            try {
                schedule(what, task, 1000);
            } catch (IllegalStateException stoppedMeanwhile) {
                LOG.log(Level.FINE, what + " dropped: " + stoppedMeanwhile.getMessage(), stoppedMeanwhile);
            }
        }
    }

    /** Cancels every pending task; later {@link #schedule} calls fail. */
    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
    }
}
