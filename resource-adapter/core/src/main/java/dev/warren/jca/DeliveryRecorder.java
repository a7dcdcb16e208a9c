package dev.warren.jca;

import dev.warren.amqp.SessionEvents;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts one connection factory's or activation's traffic for {@link WarrenMetrics}: {@link LongAdder}s (one per
 * {@link Count}) that the publish and delivery paths increment, an in-flight gauge, and the bean's call time in
 * HdrHistogram {@link Recorder}s (wait-free, no allocation per value): one per stripe of threads, made on first use, so
 * that concurrent consumers do not share the recorders' counters (a shared one's atomic counters cost every delivery
 * thread cache-line transfers). A disabled recorder (metrics=false) ignores every call after one branch. Thread-safe:
 * any thread records; the readers may run concurrently.
 */
final class DeliveryRecorder implements SessionEvents {
    /** What is counted; {@link #meterName()} is its Micrometer name. */
    enum Count {
        PUBLISHED, CONFIRMED, NACKED, RETURNED, PUBLISH_FAILURES,
        CONSUMED, ACKED, REJECTED, REQUEUED, DEAD_LETTERED, REDELIVERED, DECODE_ERRORS;

        /** @return e.g. {@code warren.publish.failures} */
        String meterName() {
            return "warren." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        }
    }

    private static final Count[] COUNTS = Count.values();
    /** bean times are recorded in microseconds; three significant digits */
    private static final int DIGITS = 3;
    /** bean-time recorders, a power of two: threads are spread over them by id */
    private static final int STRIPES = 4;
    /** a disabled recorder, for metrics=false (declared after the constants its constructor uses) */
    static final DeliveryRecorder OFF = new DeliveryRecorder(false);

    private final boolean enabled;
    private final LongAdder[] counts = new LongAdder[COUNTS.length];
    private final LongAdder inFlight = new LongAdder();
    /** the bean-time recorders, each made by the first thread of its stripe (an idle activation has none) */
    private final AtomicReferenceArray<Recorder> beanTime = new AtomicReferenceArray<>(STRIPES);
    /** every bean time recorded so far; guarded by this */
    private final Histogram beanTimes = new Histogram(DIGITS);
    /** the times recorded since the last read (the recorder overwrites it); guarded by this */
    private final Histogram interval = new Histogram(DIGITS);

    DeliveryRecorder(boolean enabled) {
        this.enabled = enabled;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** @return whether this recorder counts (metrics are on) */
    boolean enabled() {
        return enabled;
    }

    /** @param c one more of these */
    void add(Count c) {
        if (enabled) {
            counts[c.ordinal()].increment();
        }
    }

    /**
     * @param c what
     * @return how many so far
     */
    long count(Count c) {
        return counts[c.ordinal()].sum();
    }

    /**
     * A message arrived from the broker: consumed, redelivered if the broker says so, and in flight until
     * {@link #settled()}.
     *
     * @param redelivered the broker's redelivered flag
     */
    void received(boolean redelivered) {
        if (enabled) {
            counts[Count.CONSUMED.ordinal()].increment();
            if (redelivered) {
                counts[Count.REDELIVERED.ordinal()].increment();
            }
            inFlight.increment();
        }
    }

    /** A message {@link #received} is done with: delivered and settled, requeued, or dropped with its channel. */
    void settled() {
        if (enabled) {
            inFlight.decrement();
        }
    }

    /** @param messages how many messages {@link #received} are done with at once (a batch) */
    void settled(int messages) {
        if (enabled) {
            inFlight.add(-messages);
        }
    }

    /** @return messages received and not yet done with */
    long inFlight() {
        return inFlight.sum();
    }

    /** @param nanos how long one bean call took ({@link System#nanoTime()} difference) */
    void beanTime(long nanos) {
        if (enabled) {
            int stripe = (int) Thread.currentThread().getId() & (STRIPES - 1);
            Recorder r = beanTime.get(stripe);
            if (r == null) {
                beanTime.compareAndSet(stripe, null, new Recorder(DIGITS));
                r = beanTime.get(stripe);
            }
            r.recordValue(Math.max(0, nanos / 1000));
        }
    }

    /** Adds every bean time recorded so far to {@code into} (for the adapter's totals). */
    synchronized void addBeanTimesTo(Histogram into) {
        for (int i = 0; i < STRIPES; i++) {
            Recorder r = beanTime.get(i);
            if (r != null) {
                r.getIntervalHistogramInto(interval);
                beanTimes.add(interval);
            }
        }
        into.add(beanTimes);
    }

    /** @return p50 and p99 of the bean's call time in microseconds (0, 0 before any call) */
    synchronized long[] beanTimePercentiles() {
        Histogram all = new Histogram(DIGITS);
        addBeanTimesTo(all);
        return percentiles(all);
    }

    /** @return p50 and p99 of a histogram of microseconds */
    static long[] percentiles(Histogram h) {
        return h.getTotalCount() == 0 ? new long[]{0, 0}
                : new long[]{h.getValueAtPercentile(50), h.getValueAtPercentile(99)};
    }

    /** @return an empty histogram to merge bean times into */
    static Histogram histogram() {
        return new Histogram(DIGITS);
    }

    @Override
    public void published() {
        add(Count.PUBLISHED);
    }

    @Override
    public void confirmed() {
        add(Count.CONFIRMED);
    }

    @Override
    public void nacked() {
        add(Count.NACKED);
    }

    @Override
    public void returned() {
        add(Count.RETURNED);
    }

    @Override
    public void publishFailed() {
        add(Count.PUBLISH_FAILURES);
    }

    @Override
    public void acked() {
        add(Count.ACKED);
    }

    @Override
    public void rejected() {
        add(Count.REJECTED);
    }

    @Override
    public void requeued() {
        add(Count.REQUEUED);
    }
}
