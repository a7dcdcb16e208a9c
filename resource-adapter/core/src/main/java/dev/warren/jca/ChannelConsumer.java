package dev.warren.jca;

import dev.warren.DeliveryHandler;
import dev.warren.Message;
import dev.warren.SessionConfig;
import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.ChannelSession;
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
 * One consumer channel of an activation. Deliveries arrive on the client's dispatch thread and are queued;
 * a WorkManager work item drains the queue one message at a time (so each channel runs at most one bean
 * invocation, and an activation runs {@code concurrency} in parallel), then ends — no thread is held while
 * the queue is empty.
 *
 * <p>With {@code ackBatchSize} above 1, the channel holds acknowledgements back and sends them as one multiple-ack
 * (see {@link ChannelSession#batchAcks}); the drain settles messages in delivery order and sends what is held
 * whenever it runs out of messages, so an idle consumer holds none.
 *
 * <p>Stopping: {@link #cancel()} stops new deliveries, {@link #awaitIdle} waits until every message already
 * received was delivered and settled, {@link #close()} closes the channel (the broker requeues anything
 * still unacknowledged). Thread-safe.
 */
final class ChannelConsumer implements DeliveryHandler {
    private static final Logger LOG = Logger.getLogger(ChannelConsumer.class.getName());

    private final ChannelSession session;
    private final WorkManager workManager;
    private final EndpointDelivery delivery;
    private final String name;
    private final Queue<Message> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String consumerTag;
    private volatile boolean stopping;
    /**
     * The message endpoint kept between drains (see {@link EndpointDelivery}: creating endpoints was a sixth of
     * the delivery thread's time). Handed from drain to drain through {@link #running}: only the thread that set
     * it true touches it.
     */
    private MessageEndpoint parked;

    /**
     * Opens the channel, optionally declares the activation's topology on it, and starts consuming.
     *
     * @param declare declare the queue, its exchanges and bindings on this channel first. The client's
     *        automatic recovery replays declarations on the channel that made them, so they are made on a
     *        consumer channel, which lives as long as the activation, not on a short-lived one.
     */
    ChannelConsumer(BrokerConnection connection, MessageCodec codec, ActivationConfig config, WorkManager workManager,
                    EndpointDelivery delivery, String name, boolean declare) {
        this.session = ChannelSession.open(connection, SessionConfig.DEFAULT.withCodec(codec)
                .withAccept(config.accept()));
        this.workManager = workManager;
        this.delivery = delivery;
        this.name = name;
        try {
            session.batchAcks(config.ackBatchSize());
            if (declare) {
                session.declare(config.queue());
            }
            session.basicQos(config.prefetch());
            consumerTag = session.basicConsume(config.queue().name(), false, config.accept(), this);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public void handle(Message message) {
        pending.add(message);
        schedule();
    }

    private void schedule() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            workManager.scheduleWork(new Drain());
        } catch (WorkException | RuntimeException e) {
            running.set(false);
            LOG.log(Level.WARNING, name + ": the WorkManager refused delivery work (" + e.getMessage()
                    + "); requeueing the pending messages", e);
            for (Message m; (m = pending.poll()) != null; ) {
                Requeue.orWarn(m, name);
            }
        }
    }

    @Override
    public void cancelled(String tag) {
        LOG.log(Level.WARNING, "{0}: the broker cancelled consumer {1} (queue deleted?); this consumer stops",
                new Object[]{name, tag});
        consumerTag = null;
    }

    /**
     * Stops new deliveries (basic.cancel). A delivery in progress finishes and is settled; messages received
     * but not yet started are requeued at once (the bean never saw them).
     */
    void cancel() {
        stopping = true;
        String tag = consumerTag;
        consumerTag = null;
        if (tag != null && session.isOpen()) {
            try {
                session.basicCancel(tag);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": cancelling consumer " + tag + " failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param deadline when to give up ({@link System#currentTimeMillis()})
     * @return whether all received messages were delivered and settled in time
     */
    boolean awaitIdle(long deadline) throws InterruptedException {
        int quiet = 0;
        while (System.currentTimeMillis() < deadline) {
            if (pending.isEmpty() && !running.get()) {
                if (++quiet >= 3) { // stable for a while: nothing left in the client's dispatch queue either
                    return true;
                }
            } else {
                quiet = 0;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Closes the channel; unacknowledged messages go back to the queue. Gives back the parked endpoint. */
    void close() {
        stopping = true;
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

    boolean isOpen() {
        return session.isOpen();
    }

    /** Drains the pending queue on a WorkManager thread. */
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
                        if (stopping) {
                            delivery.release(endpoint);
                        } else {
                            parked = endpoint; // for the next drain: bursts often leave the queue empty briefly
                        }
                        endpoint = null;
                        running.set(false);
                        if (pending.isEmpty() || !running.compareAndSet(false, true)) {
                            return;
                        }
                        endpoint = parked;
                        parked = null;
                        continue;
                    }
                    if (stopping) {
                        Requeue.quietly(m, name);
                        continue;
                    }
                    try {
                        endpoint = delivery.deliver(endpoint, m, session);
                    } catch (Throwable t) { // never let one message stop this consumer
                        LOG.log(Level.SEVERE, name + ": delivering " + m.describe() + " failed unexpectedly: " + t, t);
                        delivery.release(endpoint);
                        endpoint = null;
                        Requeue.orWarn(m, name);
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
}
