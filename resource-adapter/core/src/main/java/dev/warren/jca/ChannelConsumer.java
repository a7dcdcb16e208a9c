package dev.warren.jca;

import dev.warren.DeliveryHandler;
import dev.warren.Message;
import dev.warren.SessionConfig;
import dev.warren.Supervision;
import dev.warren.amqp.Backoff;
import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.amqp.internal.SupervisedChannel;
import dev.warren.serialization.MessageCodec;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer channel of an activation. Deliveries arrive on the client's dispatch thread, which the client runs for
 * one channel at a time and in delivery order. On the adapter's inbound connections that thread is a WorkManager
 * thread ({@link WorkManagerExecutor}), and a single message with its own ack ({@code ackBatchSize} 1) is delivered
 * to the bean right there: one hand-over per message (the connection's reader to the WorkManager), each channel runs
 * at most one bean invocation, and an activation runs {@code concurrency} in parallel. Otherwise (batches, held acks,
 * or a dispatch thread that is not the WorkManager's: the client's own pool, or the fallback after the WorkManager
 * rejected the dispatch work) deliveries are queued and a WorkManager work item drains the queue one message at a
 * time, then ends — no thread is held while the queue is empty.
 *
 * <p>With {@code ackBatchSize} above 1, the channel holds acknowledgements back and sends them as one multiple-ack
 * (see {@link ChannelSession#batchAcks}); the drain settles messages in delivery order and sends what is held
 * whenever it runs out of messages, so an idle consumer holds none. Such an activation keeps the queued drain: on the
 * dispatch thread a consumer cannot tell whether more messages are on their way.
 *
 * <p>A {@link WarrenBatchListener} activation ({@link EndpointDelivery#batches()} not null) queues arrivals with
 * their arrival time instead, and its drain ({@link BatchDrain}) hands them over in batches: once {@code batchSize}
 * messages are held, or {@code batchTimeout} after the first of them arrived (the drain waits for more meanwhile,
 * woken by the arrival that completes the batch or by stopping, not once per message); out of messages, it keeps its
 * thread a few milliseconds for the next arrival before it ends. The batch's acknowledgements are sent by
 * {@link EndpointDelivery#deliverBatch}; the channel holds none of its own.
 *
 * <p>Supervised: after the broker closes the channel (404, 406, an operator) or cancels the consumer (queue deleted),
 * the channel is reopened and the set-up (declare, qos, consume) runs again with capped backoff, on the adapter's
 * timer and WorkManager ({@link SupervisedChannel}); a lost connection is reopened by the client's recovery.
 *
 * <p>Stopping: {@link #cancel()} stops new deliveries, {@link #awaitIdle} waits (signalled, no polling) until the
 * broker confirmed the cancel and every message already received was delivered and settled, {@link #close()} closes
 * the channel (the broker requeues anything still unacknowledged). Thread-safe.
 */
final class ChannelConsumer implements DeliveryHandler {
    private static final Logger LOG = Logger.getLogger(ChannelConsumer.class.getName());

    /** the longest a batch drain out of messages keeps its WorkManager thread, waiting for the next arrival */
    private static final long MAX_BATCH_LINGER = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5);
    private final ChannelSession session;
    private final ActivationConfig config;
    private final boolean declare;
    private final WorkManager workManager;
    private final EndpointDelivery delivery;
    private final String name;
    private final Supervision supervision;
    /** the activation's counts: received, redelivered, in flight (settled ones count through the session) */
    private final DeliveryRecorder recorder;
    private final Queue<Message> pending = new ConcurrentLinkedQueue<>();
    /** batch activations: when batches are ready; null for single messages */
    private final BatchRule batches;
    /** batch activations: what arrived, with when and on which channel generation; single deliveries use pending */
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    /** batch activations: how many arrivals are queued (counted apart: a ConcurrentLinkedQueue's size() is O(n)) */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * A waiting batch drain is woken once {@link #queued} reaches this (enough to fill its batch); MAX_VALUE while
     * none waits. Written under {@link #arrival}'s lock by the drain, read without it by each arrival.
     */
    private volatile int wakeAt = Integer.MAX_VALUE;
    /** a batch drain waits on it for the arrivals that fill its batch; that arrival, cancel() and close() notify it */
    private final Object arrival = new Object();
    /** counts the channels this consumer opened: a batch never mixes messages of a closed channel with new ones */
    private volatile int generation;
    private final AtomicBoolean running = new AtomicBoolean();
    /** signalled whenever the consumer may have become idle (a drain ended, a cancel was confirmed) */
    private final Object idle = new Object();
    private volatile String consumerTag;
    private volatile boolean stopping;
    /** the broker confirmed our cancel (or there was no consumer to cancel): no delivery follows */
    private volatile boolean cancelConfirmed;
    /**
     * The message endpoint kept between drains (see {@link EndpointDelivery}: creating endpoints was a sixth of
     * the delivery thread's time). Handed from drain to drain through {@link #running}: only the thread that set
     * it true touches it.
     */
    private MessageEndpoint parked;
    /**
     * Single messages with an ack each: delivered on the client's dispatch thread when that is a WorkManager thread
     * ({@link WorkManagerExecutor}) rather than queued for a drain of their own.
     */
    private final boolean direct;
    /** the direct path's drain (runs inline, one at a time through {@link #running}) */
    private final Drain drain = new Drain();

    /**
     * Opens the channel, optionally declares the activation's topology on it, starts consuming, and supervises the
     * channel: after the broker closes it or cancels the consumer, the same set-up runs again on a new channel
     * (see {@link SupervisedChannel}).
     *
     * @param declare declare the queue, its exchanges and bindings on this channel first. The client's
     *        automatic recovery replays declarations on the channel that made them, so they are made on a
     *        consumer channel, which lives as long as the activation, not on a short-lived one.
     * @param scheduler runs repairs (the adapter's timer and WorkManager)
     * @param tracing the activation propagates trace context: also what its channel publishes (dead letters, retries,
     *        Celery results) carries it
     * @param recorder the activation's metrics
     */
    ChannelConsumer(BrokerConnection connection, MessageCodec codec, ActivationConfig config, WorkManager workManager,
                    EndpointDelivery delivery, String name, boolean declare, SupervisedChannel.Scheduler scheduler,
                    boolean tracing, DeliveryRecorder recorder) {
        this.session = ChannelSession.open(connection, SessionConfig.DEFAULT.withCodec(codec)
                .withAccept(config.accept()).withTracing(tracing));
        this.recorder = recorder;
        if (recorder.enabled()) {
            session.observe(recorder);
        }
        this.config = config;
        this.declare = declare;
        this.workManager = workManager;
        this.delivery = delivery;
        this.name = name;
        this.batches = delivery.batches();
        this.direct = batches == null && config.ackBatchSize() == 1;
        try {
            setUp(true);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        this.supervision = new SupervisedChannel(session, name, this::setUp, scheduler, Backoff.DEFAULT);
    }

    /** Prepares the channel and consumes; run once, and again by the supervision after an outage. */
    private void setUp(boolean newChannel) {
        if (stopping) {
            return; // deactivating (or quiesced): nothing to resume
        }
        if (newChannel) {
            // received on the closed channel and not yet delivered: the broker requeued them already
            generation++; // only this thread (set-up, or the supervision's repair) writes it
            for (Message m; (m = pending.poll()) != null; ) {
                LOG.log(Level.FINE, "{0}: dropping {1} (its channel closed; the broker delivers it again)",
                        new Object[]{name, m.describe()});
                recorder.settled();
            }
            for (Arrival a; (a = pollArrival()) != null; ) {
                LOG.log(Level.FINE, "{0}: dropping {1} (its channel closed; the broker delivers it again)",
                        new Object[]{name, a.message().describe()});
                recorder.settled();
            }
            session.batchAcks(batches != null ? 1 : config.ackBatchSize());
        }
        if (declare || !newChannel) {
            // after a broker-side cancel the queue may be gone: declare it again (with its retry queues, if any)
            for (dev.warren.Queue q : config.declarations()) {
                session.declare(q);
            }
        }
        if (newChannel) {
            session.basicQos(config.prefetch());
        }
        cancelConfirmed = false;
        consumerTag = session.basicConsume(config.queue().name(), false, config.consumerArguments(), config.accept(),
                this);
    }

    @Override
    public void handle(Message message) {
        recorder.received(message.deliveryInfo().redelivered());
        if (batches != null) {
            arrivals.add(new Arrival(message, System.nanoTime(), generation));
            if (queued.incrementAndGet() >= wakeAt) { // after the add: a drain that sees the count sees the arrival
                wakeBatchDrain(); // this one completes the waiting drain's batch: one wake-up per batch
            }
        } else {
            pending.add(message);
            if (direct && WorkManagerExecutor.onDispatchThread()) {
                if (running.compareAndSet(false, true)) {
                    drain.run(); // on this WorkManager thread, before the client hands over this channel's next
                } // else a drain runs (the fallback's, or close() took it): it takes this message, or it is dropped
                return;
            }
        }
        schedule();
    }

    /** Wakes a batch drain waiting for more messages (the arrival that fills its batch, or stopping). */
    private void wakeBatchDrain() {
        synchronized (arrival) {
            arrival.notifyAll();
        }
    }

    /** @return the next queued arrival of a batch activation, or null; keeps {@link #queued} in step */
    private Arrival pollArrival() {
        Arrival a = arrivals.poll();
        if (a != null) {
            queued.decrementAndGet();
        }
        return a;
    }

    private void schedule() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            workManager.scheduleWork(batches != null ? new BatchDrain() : new Drain());
        } catch (WorkException | RuntimeException e) {
            running.set(false);
            signalIdle();
            LOG.log(Level.WARNING, name + ": the WorkManager refused delivery work (" + e.getMessage()
                    + "); requeueing the pending messages", e);
            for (Message m; (m = pending.poll()) != null; ) {
                Requeue.orWarn(m, name);
                recorder.settled();
            }
            for (Arrival a; (a = pollArrival()) != null; ) {
                Requeue.orWarn(a.message(), name);
                recorder.settled();
            }
        }
    }

    @Override
    public void cancelled(String tag) {
        consumerTag = null;
        if (!stopping) {
            supervision.consumerCancelled(tag); // logs the outage, declares and consumes again
        } else {
            confirmCancel();
        }
    }

    @Override
    public void cancelOk(String tag) {
        confirmCancel(); // every delivery of the consumer was handed to handle() before this
    }

    private void confirmCancel() {
        cancelConfirmed = true;
        signalIdle();
    }

    private void signalIdle() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /**
     * Stops new deliveries (basic.cancel). A delivery in progress finishes and is settled; messages received
     * but not yet started are requeued at once (the bean never saw them). Does not wait.
     */
    void cancel() {
        stopping = true;
        if (batches != null) {
            wakeBatchDrain(); // a partial batch is requeued at once rather than at its timeout
        }
        String tag = consumerTag;
        consumerTag = null;
        if (tag == null || !session.isOpen()) {
            confirmCancel(); // nothing consumes (an outage, or the channel is gone): nothing more arrives
            return;
        }
        try {
            session.basicCancel(tag); // cancelOk() follows once the deliveries before it were handed over
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": cancelling consumer " + tag + " failed (the channel is closing; the"
                    + " broker requeues what it holds): " + e.getMessage(), e);
            confirmCancel();
        }
    }

    /** Consumes again after {@link #cancel()} when the activation was quiesced but not deactivated. */
    void resume() {
        stopping = false;
        try {
            if (session.isOpen()) {
                setUp(false);
            } else {
                supervision.consumerCancelled("(resuming)");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": could not resume consuming: " + e.getMessage(), e);
            supervision.consumerCancelled("(resuming)");
        }
    }

    /** @return whether this consumer is consuming now (its channel open, its consumer registered) */
    boolean consuming() {
        return !stopping && consumerTag != null && session.isOpen();
    }

    /** @return whether nothing more arrives and every received message was delivered and settled */
    private boolean isIdle() {
        return cancelConfirmed && pending.isEmpty() && arrivals.isEmpty() && !running.get();
    }

    /**
     * Waits, without polling, until the cancel is confirmed and every received message was delivered and settled:
     * the drain and the cancel confirmation signal it.
     *
     * @param deadline when to give up ({@link System#currentTimeMillis()})
     * @return whether it became idle in time
     */
    boolean awaitIdle(long deadline) throws InterruptedException {
        synchronized (idle) {
            for (long left = deadline - System.currentTimeMillis(); !isIdle(); left = deadline - System.currentTimeMillis()) {
                if (left <= 0) {
                    return false;
                }
                idle.wait(left);
            }
            return true;
        }
    }

    /** Closes the channel; unacknowledged messages go back to the queue. Gives back the parked endpoint. */
    void close() {
        stopping = true;
        if (batches != null) {
            wakeBatchDrain();
        }
        supervision.close();
        if (running.compareAndSet(false, true)) { // no drain runs, and none starts any more: the endpoint is ours
            delivery.release(parked);
            parked = null;
        } // else the running drain sees stopping and releases its endpoint when it ends
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, name + ": closing the consumer channel failed: " + e.getMessage(), e);
        }
    }

    /**
     * Ends a drain that found its queue empty: parks its endpoint for the next drain (bursts often leave the queue
     * empty briefly), or gives it back when stopping, and lets the next arrival start a drain; unless a message arrived
     * meanwhile and this drain could take the queue back.
     *
     * @param endpoint the drain's endpoint (null when it has none)
     * @param queue the queue the drain takes from
     * @return true: go on draining with the parked endpoint; false: the drain ends (idle was signalled)
     */
    private boolean parkOrResume(MessageEndpoint endpoint, Queue<?> queue) {
        if (stopping) {
            delivery.release(endpoint);
        } else {
            parked = endpoint;
        }
        running.set(false);
        if (queue.isEmpty() || !running.compareAndSet(false, true)) {
            signalIdle();
            return false;
        }
        return true;
    }

    /**
     * Drains the pending queue on a WorkManager thread: a scheduled work of its own, or (the direct path) the
     * dispatch thread that queued the message, which then finds just that one.
     */
    private final class Drain implements Work {
        @Override
        public void run() {
            MessageEndpoint endpoint = parked; // reused for consecutive messages, and parked between drains
            parked = null;
            try {
                while (true) {
                    Message m = pending.poll();
                    if (m == null) {
                        flushAcks(); // held acks never outlive a drain: idle consumers hold none
                        boolean resumed = parkOrResume(endpoint, pending);
                        endpoint = null;
                        if (!resumed) {
                            return;
                        }
                        endpoint = parked;
                        parked = null;
                        continue;
                    }
                    if (stopping) {
                        Requeue.quietly(m, name);
                        recorder.settled();
                        continue;
                    }
                    if (!session.isOpen()) {
                        // its channel closed (an outage): the broker has put it back, and may already have given
                        // it to another consumer (a single active consumer's successor); the bean must not see it
                        LOG.log(Level.FINE, "{0}: dropping {1} (its channel closed; the broker delivers it again)",
                                new Object[]{name, m.describe()});
                        recorder.settled();
                        continue;
                    }
                    try {
                        endpoint = delivery.deliver(endpoint, m, session);
                    } catch (Throwable t) { // never let one message stop this consumer
                        LOG.log(Level.SEVERE, name + ": delivering " + m.describe() + " failed unexpectedly: " + t, t);
                        delivery.release(endpoint);
                        endpoint = null;
                        Requeue.orWarn(m, name);
                    } finally {
                        recorder.settled();
                    }
                }
            } finally {
                delivery.release(endpoint); // null unless the loop ended abnormally
            }
        }

        private void flushAcks() {
            try {
                session.flushAcks();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": could not send the held acknowledgements (the broker redelivers those"
                        + " messages when the channel closes; beans must tolerate redelivery): " + e.getMessage(), e);
            }
        }

        @Override
        public void release() {
            // deliveries are short; stop() waits for them rather than interrupting a bean mid-call
        }
    }

    /** A message of a batch activation as it arrived: when ({@link System#nanoTime()}) and on which channel. */
    private record Arrival(Message message, long nanos, int generation) {
    }

    /**
     * Drains the arrivals of a batch activation on a WorkManager thread: collects up to batchSize messages, waits
     * (woken by the arrival that fills the batch, not by each) until the batch is full or batchTimeout passed since
     * its first message arrived, and hands it to {@link EndpointDelivery#deliverBatch}; ends when no message is
     * held or queued and none arrived while it lingered ({@link #lingered}). Stopping, it requeues a partial batch
     * (the bean never saw it) and whatever else arrives. Messages of a channel that was closed and replaced meanwhile
     * are dropped (the broker requeued them with the channel).
     */
    private final class BatchDrain implements Work {
        private final java.util.List<Message> batch = new java.util.ArrayList<>();
        private long first;
        private int batchGeneration;

        @Override
        public void run() {
            MessageEndpoint endpoint = parked;
            parked = null;
            try {
                while (true) {
                    Arrival a = pollArrival();
                    if (a != null) {
                        if (stopping) {
                            Requeue.quietly(a.message(), name);
                            recorder.settled();
                            continue;
                        }
                        if (!batch.isEmpty() && a.generation() != batchGeneration) {
                            dropBatch(); // those arrived on a channel that was closed since
                        }
                        if (batch.isEmpty()) {
                            first = a.nanos();
                            batchGeneration = a.generation();
                        }
                        batch.add(a.message());
                        if (!batches.full(batch.size())) {
                            continue;
                        }
                    } else if (!batch.isEmpty() && !stopping) {
                        long wait = batches.waitNanos(batch.size(), first, System.nanoTime());
                        if (wait > 0 && awaitArrivals(batches.size() - batch.size(), wait)) {
                            continue;
                        }
                    }
                    if (!batch.isEmpty()) {
                        endpoint = deliver(endpoint);
                        continue;
                    }
                    if (lingered()) {
                        continue; // the next arrival came while this drain still held its thread
                    }
                    boolean resumed = parkOrResume(endpoint, arrivals); // nothing held, nothing queued
                    endpoint = null;
                    if (!resumed) {
                        return;
                    }
                    endpoint = parked;
                    parked = null;
                }
            } finally {
                delivery.release(endpoint); // null unless the loop ended abnormally
                for (Message m : batch) { // only when the loop ended abnormally
                    Requeue.orWarn(m, name);
                    recorder.settled();
                }
            }
        }

        /**
         * Nothing is held or queued: waits for the next arrival (parked, woken by it) up to {@code batchTimeout}, at
         * most {@link #MAX_BATCH_LINGER}, before the drain ends. A batch's acknowledgement lets the broker send the
         * next messages a round trip later; a drain that ended at once cost a {@code scheduleWork} (the WorkManager's
         * bookkeeping and a thread hand-over) for about one batch in two of a busy consumer, and still one in 25 at
         * concurrency 1 and two in five at 4 when lingering 5 ms (ContainerBenchIT, pre-filled queue).
         *
         * @return whether an arrival is queued now (go on draining); false when stopping or none came in time
         */
        private boolean lingered() {
            long linger = Math.min(batches.timeoutNanos(), MAX_BATCH_LINGER);
            return !stopping && awaitArrivals(1, linger) && queued.get() > 0;
        }

        /** Hands the batch over (or requeues it when stopping, drops it when its channel is gone); empties it. */
        private MessageEndpoint deliver(MessageEndpoint endpoint) {
            java.util.List<Message> ready = java.util.List.copyOf(batch);
            batch.clear();
            try {
                return deliverOrDrop(endpoint, ready);
            } finally {
                recorder.settled(ready.size());
            }
        }

        private MessageEndpoint deliverOrDrop(MessageEndpoint endpoint, java.util.List<Message> ready) {
            if (stopping) {
                for (Message m : ready) {
                    Requeue.quietly(m, name);
                }
                return endpoint;
            }
            if (batchGeneration != generation) {
                LOG.log(Level.FINE, "{0}: dropping a batch of {1} (its channel closed; the broker delivers them"
                        + " again)", new Object[]{name, ready.size()});
                return endpoint;
            }
            try {
                return delivery.deliverBatch(endpoint, ready, session);
            } catch (Throwable t) { // never let one batch stop this consumer
                LOG.log(Level.SEVERE, name + ": delivering a batch of " + ready.size() + " failed unexpectedly: "
                        + t, t);
                delivery.release(endpoint);
                for (Message m : ready) {
                    Requeue.orWarn(m, name);
                }
                return null;
            }
        }

        private void dropBatch() {
            LOG.log(Level.FINE, "{0}: dropping a partial batch of {1} (its channel closed; the broker delivers them"
                    + " again)", new Object[]{name, batch.size()});
            recorder.settled(batch.size());
            batch.clear();
        }

        /**
         * Waits until {@code missing} arrivals are queued (they fill the batch), stopping, or {@code nanos} passed.
         * Waking per arrival instead cost a context switch per message. No wake-up is lost: an arrival adds itself
         * and counts before it reads {@link #wakeAt}, this sets {@link #wakeAt} before it reads the count.
         *
         * @return false when interrupted: deliver what is held now
         */
        private boolean awaitArrivals(int missing, long nanos) {
            synchronized (arrival) {
                wakeAt = missing;
                try {
                    if (queued.get() < missing && !stopping) {
                        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(arrival, nanos);
                    }
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } finally {
                    wakeAt = Integer.MAX_VALUE;
                }
            }
        }

        @Override
        public void release() {
            // as the single-message drain: stop() waits for it; a waiting batch drain is woken by cancel()
        }
    }
}
