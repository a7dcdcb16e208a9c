package dev.warren.jca;

import dev.warren.Message;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.tracing.DeliveryTrace;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one message to a message-driven bean: takes an endpoint (a new one, or the one the same consumer
 * channel used for its previous message — the JCA contract allows serial reuse, and creating one per message was
 * a sixth of the delivery thread's time in Payara), calls beforeDelivery / afterDelivery around the listener
 * method when the container wants the delivery transacted, then acknowledges the message if the bean returned
 * normally and the transaction committed, or hands it to the {@link FailureHandler}: the outcome of a transacted
 * delivery is learned from the server's TransactionSynchronizationRegistry (an interposed synchronization registered
 * after beforeDelivery), so a rollback without an exception (setRollbackOnly, a timeout) is a failure with the
 * reason {@link TransactionRolledBack}. The bean (and the Celery result's publish) runs inside the message's trace
 * context ({@link DeliveryTrace}) unless tracing is off; a batch bean inside the batch's
 * ({@link DeliveryTrace#startBatch}). After a failed delivery
 * the endpoint is released, so the next message gets a fresh one. Thread-safe (one instance serves all consumers of an
 * activation; each endpoint is used by one drain thread at a time).
 */
final class EndpointDelivery {
    private static final Logger LOG = Logger.getLogger(EndpointDelivery.class.getName());
    private static final Method ON_MESSAGE;
    private static final Method ON_BODY;
    private static final Method ON_BATCH;
    private static final long ENDPOINT_WAIT_MILLIS = 10_000;

    static {
        try {
            ON_MESSAGE = WarrenListener.class.getMethod("onMessage", Message.class);
            ON_BODY = WarrenBodyListener.class.getMethod("onMessage", Object.class, Message.class);
            ON_BATCH = WarrenBatchListener.class.getMethod("onMessages", java.util.List.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageEndpointFactory factory;
    private final FailureHandler failures;
    private final String name;
    /** the server's registry (from the BootstrapContext), or null: then only a thrown exception counts as failure */
    private final TransactionSynchronizationRegistry transactions;
    /** protocol=celery: reads tasks and publishes results around the bean ({@link CeleryTasks}); null for kombu */
    private final CeleryTasks celery;
    private final boolean tracing;
    /** the activation's metrics: bean time, decode errors */
    private final DeliveryRecorder recorder;
    private volatile boolean stopping;
    private volatile boolean warnedNoOutcome;
    private volatile Boolean messageTransacted;
    private volatile Boolean bodyTransacted;
    private volatile Boolean callTransacted;
    private volatile Boolean batchTransacted;

    /** a {@link WarrenBatchListener} activation: when its batches are ready; null for single messages */
    private final BatchRule batches;

    /**
     * @param tracing run each delivery inside the message's trace context ({@link DeliveryTrace}; the activation's and
     *        the adapter's {@code tracing})
     * @param batches how batches are formed for a {@link WarrenBatchListener} bean, or null for single messages
     */
    EndpointDelivery(MessageEndpointFactory factory, FailureHandler failures, String name,
                     TransactionSynchronizationRegistry transactions, DeliveryRecorder recorder, CeleryTasks celery,
                     boolean tracing, BatchRule batches) {
        this.recorder = recorder;
        this.tracing = tracing;
        this.batches = batches;
        this.factory = factory;
        this.failures = failures;
        this.name = name;
        this.transactions = transactions;
        this.celery = celery;
    }

    /** @return how batches are formed, or null when the bean receives single messages */
    BatchRule batches() {
        return batches;
    }

    /** The activation is stopping: do not wait for endpoints that are going away. */
    void stopping() {
        stopping = true;
    }

    /** The activation goes on after all (it was quiesced, but not deactivated). */
    void resumed() {
        stopping = false;
    }

    /**
     * Delivers one message and settles it.
     *
     * @param reuse the endpoint the previous delivery of this consumer channel left for reuse, or null to create one
     * @param message a received, unsettled message; settled when this returns (unless the channel broke)
     * @param session the channel it arrived on
     * @return the endpoint to reuse for the drain's next message, or null when none is held (none could be
     *         created, or this delivery failed and the endpoint was released so the next gets a fresh one).
     *         The caller must {@link #release} a returned endpoint when it stops delivering.
     */
    MessageEndpoint deliver(MessageEndpoint reuse, Message message, dev.warren.Session session) {
        CeleryTasks.Task task = null;
        if (celery != null) {
            task = celery.admit(message, session, failures);
            if (task == null) {
                return reuse; // settled: deferred to its eta, revoked, or handed to the failure policy
            }
        }
        MessageEndpoint endpoint = reuse;
        if (endpoint == null) {
            try {
                endpoint = createEndpoint();
            } catch (UnavailableException | InterruptedException | RuntimeException e) {
                // the bean never saw it (undeploying, or the container is not ready): no failure policy, just requeue
                LOG.log(Level.WARNING, name + ": no endpoint available (" + e + "); requeueing " + message.describe());
                Requeue.orWarn(message, name);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        }
        try (DeliveryTrace trace = trace(message)) { // what the failure policy publishes continues the trace, too
            return deliverTo(endpoint, message, task, session, trace);
        }
    }

    private MessageEndpoint deliverTo(MessageEndpoint endpoint, Message message, CeleryTasks.Task task,
                                      dev.warren.Session session, DeliveryTrace trace) {
        Throwable failure;
        long started = recorder.enabled() ? System.nanoTime() : 0;
        try {
            failure = invoke(endpoint, message, task);
        } catch (Throwable t) {
            failure = t;
        }
        if (started != 0) {
            recorder.beanTime(System.nanoTime() - started);
        }
        if (failure != null && unwrap(failure) instanceof dev.warren.DecodeException) {
            recorder.add(DeliveryRecorder.Count.DECODE_ERRORS);
        }
        if (failure == null && task != null) {
            failure = celery.finish(task, session); // the result (or the task's exception) to reply_to
        }
        if (failure != null) { // start the next delivery on a fresh endpoint
            trace.failed(unwrap(failure));
            release(endpoint);
            endpoint = null;
        }
        try {
            if (message.settled()) {
                return endpoint; // the bean settled it itself
            }
            if (failure != null) {
                settleFailed(message, unwrap(failure), session);
                return endpoint;
            }
            message.ack();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not settle " + message.describe() + " for " + name + " (the broker"
                    + " redelivers it when the channel closes): " + e.getMessage(), e);
        }
        return endpoint;
    }

    /**
     * Delivers one batch to a {@link WarrenBatchListener} and settles it: each message's payload is decoded first (a
     * message that cannot be decoded or is not accepted is left out and handed to the failure policy on its own);
     * the rest go to the bean in one call, in one transaction when the container wants the delivery transacted.
     * Returning normally with the transaction committed acknowledges the messages the bean left unsettled (one
     * multiple-ack when {@link BatchAck#asOne} allows, otherwise one ack each); an exception or a rollback applies
     * the failure policy to each of them. A message the failure policy could not settle (a republish the broker did
     * not confirm) is requeued, so no delivery of the channel stays unsettled below a later multiple-ack.
     *
     * @param reuse the endpoint the previous delivery of this consumer channel left for reuse, or null
     * @param received received, unsettled messages of one channel, in delivery order; all settled when this returns
     *        (unless the channel broke)
     * @param session the channel they arrived on
     * @return the endpoint to reuse, or null (as {@link #deliver})
     */
    MessageEndpoint deliverBatch(MessageEndpoint reuse, java.util.List<Message> received, ChannelSession session) {
        java.util.List<Message> batch = new java.util.ArrayList<>(received.size());
        for (Message m : received) {
            try {
                m.payload(); // decoded once and cached: the bean's payload() reuses it
                batch.add(m);
            } catch (RuntimeException e) { // DecodeException, ContentDisallowedException: this one alone fails
                if (e instanceof dev.warren.DecodeException) {
                    recorder.add(DeliveryRecorder.Count.DECODE_ERRORS);
                }
                settleFailed(m, e, session);
            }
        }
        if (batch.isEmpty()) {
            return reuse;
        }
        MessageEndpoint endpoint = reuse;
        if (endpoint == null) {
            try {
                endpoint = createEndpoint();
            } catch (UnavailableException | InterruptedException | RuntimeException e) {
                LOG.log(Level.WARNING, name + ": no endpoint available (" + e + "); requeueing a batch of "
                        + batch.size() + " messages");
                for (Message m : batch) {
                    Requeue.orWarn(m, name);
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        }
        java.util.List<Message> handed = java.util.List.copyOf(batch);
        try (DeliveryTrace trace = traceBatch(handed)) { // one span for the batch, linked to each message's trace
            return deliverBatchTo(endpoint, handed, session, trace);
        }
    }

    private MessageEndpoint deliverBatchTo(MessageEndpoint endpoint, java.util.List<Message> handed,
                                           ChannelSession session, DeliveryTrace trace) {
        Throwable failure;
        long started = recorder.enabled() ? System.nanoTime() : 0;
        try {
            failure = invokeBatch(endpoint, handed);
        } catch (Throwable t) {
            failure = t;
        }
        if (started != 0) {
            recorder.beanTime(System.nanoTime() - started); // one bean call for the whole batch
        }
        if (failure != null) {
            trace.failed(unwrap(failure));
            release(endpoint);
            endpoint = null;
        }
        java.util.List<Message> unsettled = new java.util.ArrayList<>(handed.size());
        for (Message m : handed) {
            if (!m.settled()) {
                unsettled.add(m);
            }
        }
        if (failure == null) {
            ackBatch(handed, unsettled, session);
        } else {
            Throwable cause = unwrap(failure);
            for (Message m : unsettled) {
                settleFailed(m, cause, session);
            }
        }
        return endpoint;
    }

    private void ackBatch(java.util.List<Message> batch, java.util.List<Message> unsettled, ChannelSession session) {
        try {
            if (BatchAck.asOne(batch, unsettled)) {
                session.batchAcks(unsettled.size()); // held; the last ack sends one multiple-ack on the highest tag
                try {
                    for (Message m : unsettled) {
                        m.ack();
                    }
                } finally {
                    session.batchAcks(1);
                }
            } else {
                for (Message m : unsettled) {
                    m.ack();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not acknowledge a batch of " + unsettled.size() + " messages for " + name
                    + " (the broker redelivers them when the channel closes): " + e.getMessage(), e);
        }
    }

    /**
     * Applies the failure policy to one message; requeues it if the policy left it unsettled on an open channel, so
     * that no delivery stays unsettled below a later multiple-ack (which would acknowledge, i.e. lose, it).
     */
    private void settleFailed(Message message, Throwable failure, dev.warren.Session session) {
        try {
            failures.handle(message, failure, session);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not settle " + message.describe() + " for " + name + " (requeued if its channel is open): "
                    + e.getMessage(), e);
        }
        if (!message.settled() && session != null && session.isOpen()) {
            LOG.log(Level.WARNING, name + ": the failure policy left " + message.describe() + " unsettled;"
                    + " requeueing it");
            Requeue.orWarn(message, name);
        } // a closed channel: the broker has requeued it already
    }

    private Throwable invokeBatch(MessageEndpoint endpoint, java.util.List<Message> batch) throws Exception {
        boolean transacted = isDeliveryTransacted(ON_BATCH);
        Outcome outcome = beginDelivery(endpoint, ON_BATCH, transacted);
        Throwable failure = null;
        try {
            ((WarrenBatchListener) endpoint).onMessages(batch);
        } catch (Throwable t) {
            failure = t;
        } finally {
            failure = endDelivery(endpoint, transacted, outcome, failure);
        }
        if (failure == null && outcome != null && outcome.rolledBack()) {
            failure = new TransactionRolledBack("the container rolled back the transaction of a batch of "
                    + batch.size() + " messages (status " + outcome.describe() + ") although the bean returned"
                    + " normally: setRollbackOnly(), a transaction timeout, or a resource that could not commit");
        }
        return failure;
    }

    /** @return the message's trace context, current on this thread until closed (none when tracing is off) */
    private DeliveryTrace trace(Message message) {
        return tracing ? message.startTrace() : DeliveryTrace.none();
    }

    /** @return the batch's trace context ({@link DeliveryTrace#startBatch}), current until closed; none when off */
    private DeliveryTrace traceBatch(java.util.List<Message> batch) {
        if (!tracing) {
            return DeliveryTrace.none();
        }
        java.util.List<java.util.Map<String, Object>> headers = new java.util.ArrayList<>(batch.size());
        for (Message m : batch) {
            headers.add(m.headers() == null ? java.util.Map.of() : m.headers());
        }
        return DeliveryTrace.startBatch(headers, batch.get(0).deliveryInfo().queue());
    }

    /** @param endpoint an endpoint from {@link #deliver}, or null: gives it back to the container */
    void release(MessageEndpoint endpoint) {
        if (endpoint == null) {
            return;
        }
        try {
            endpoint.release();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Releasing the endpoint of " + name + " failed: " + e, e);
        }
    }

    private Throwable invoke(MessageEndpoint endpoint, Message message, CeleryTasks.Task task) throws Exception {
        boolean body = endpoint instanceof WarrenBodyListener;
        Method method = task != null ? CeleryTasks.CALL : body ? ON_BODY : ON_MESSAGE;
        boolean transacted = isDeliveryTransacted(method);
        Outcome outcome = beginDelivery(endpoint, method, transacted);
        Throwable failure = null;
        try {
            if (task != null) {
                celery.call(endpoint, task); // the bean's exception is the task's result, kept in task
            } else if (body) {
                ((WarrenBodyListener) endpoint).onMessage(message.payload(), message);
            } else {
                ((WarrenListener) endpoint).onMessage(message);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            failure = endDelivery(endpoint, transacted, outcome, failure);
        }
        // a Celery task that raised rolled its transaction back: that is its (reported) failure, not the delivery's
        if (failure == null && outcome != null && outcome.rolledBack() && (task == null || task.error == null)) {
            failure = new TransactionRolledBack("the container rolled back the delivery transaction (status "
                    + outcome.describe() + ") although the bean returned normally: setRollbackOnly(), a transaction"
                    + " timeout, or a resource that could not commit");
        }
        return failure;
    }

    /**
     * Starts a bean call: when it is transacted, the container begins its transaction (beforeDelivery) and the adapter
     * registers for its outcome.
     *
     * @return the outcome to pass to {@link #endDelivery}, or null (not transacted, or nothing to watch it with)
     */
    private Outcome beginDelivery(MessageEndpoint endpoint, Method method, boolean transacted) throws Exception {
        if (!transacted) {
            return null;
        }
        endpoint.beforeDelivery(method);
        return watchTransaction();
    }

    /**
     * Ends a bean call begun by {@link #beginDelivery}: when transacted, notes the transaction's status before
     * completion and lets the container commit or roll back (afterDelivery).
     *
     * @param failure what the bean call threw, or null
     * @return {@code failure}, or what afterDelivery threw when the call itself did not fail
     */
    private Throwable endDelivery(MessageEndpoint endpoint, boolean transacted, Outcome outcome, Throwable failure) {
        if (!transacted) {
            return failure;
        }
        if (outcome != null) {
            outcome.beforeCompletionStatus(transactions);
        }
        try {
            endpoint.afterDelivery();
        } catch (Throwable t) {
            if (failure == null) {
                return t;
            }
        }
        return failure;
    }

    /**
     * Registers for the outcome of the transaction the container began in beforeDelivery (it is associated with this
     * thread until afterDelivery).
     *
     * @return the outcome to read after afterDelivery, or null when the server gives no registry or no transaction
     */
    private Outcome watchTransaction() {
        if (transactions == null) {
            return null;
        }
        try {
            if (transactions.getTransactionKey() == null) {
                return null;
            }
            Outcome o = new Outcome();
            transactions.registerInterposedSynchronization(o);
            return o;
        } catch (RuntimeException e) {
            if (!warnedNoOutcome) {
                warnedNoOutcome = true;
                LOG.log(Level.WARNING, name + ": cannot watch the delivery transaction (" + e + "); a rollback"
                        + " without an exception cannot be detected, so such messages would be acknowledged."
                        + " (Logged once.)", e);
            }
            return null;
        }
    }

    /** What the transaction manager reports about one delivery transaction. */
    private static final class Outcome implements Synchronization {
        private volatile int completed = -1;
        private volatile boolean markedRollback;

        void beforeCompletionStatus(TransactionSynchronizationRegistry registry) {
            try {
                markedRollback = registry.getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Cannot read the transaction status: " + e, e);
            }
        }

        @Override
        public void beforeCompletion() {
            // nothing to add to the transaction
        }

        @Override
        public void afterCompletion(int status) {
            completed = status;
        }

        /** @return whether it rolled back: as reported after completion, or marked so before it when not reported */
        boolean rolledBack() {
            int c = completed;
            return c == Status.STATUS_ROLLEDBACK || (c == -1 && markedRollback);
        }

        String describe() {
            int c = completed;
            return c == Status.STATUS_ROLLEDBACK ? "rolled back" : c == -1 ? "marked rollback-only" : "status " + c;
        }
    }

    /** The answer is fixed per deployment; asking the container per message costs a lookup every time. */
    private boolean isDeliveryTransacted(Method method) throws NoSuchMethodException {
        Boolean known = method == ON_BODY ? bodyTransacted : method == CeleryTasks.CALL ? callTransacted
                : method == ON_BATCH ? batchTransacted : messageTransacted;
        if (known == null) {
            known = factory.isDeliveryTransacted(method);
            if (method == ON_BATCH) {
                batchTransacted = known;
            } else if (method == ON_BODY) {
                bodyTransacted = known;
            } else if (method == CeleryTasks.CALL) {
                callTransacted = known;
            } else {
                messageTransacted = known;
            }
        }
        return known;
    }

    private MessageEndpoint createEndpoint() throws UnavailableException, InterruptedException {
        long deadline = System.currentTimeMillis() + ENDPOINT_WAIT_MILLIS;
        while (true) {
            try {
                return factory.createEndpoint(null);
            } catch (UnavailableException e) {
                if (stopping || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** @return the bean's own exception, without the container's and reflection's wrappers */
    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        for (int i = 0; i < 10 && cur.getCause() != null && cur.getCause() != cur; i++) {
            String n = cur.getClass().getName();
            if (cur instanceof java.lang.reflect.InvocationTargetException
                    || cur instanceof java.lang.reflect.UndeclaredThrowableException
                    || n.startsWith("jakarta.ejb.") || n.startsWith("jakarta.transaction.")) {
                cur = cur.getCause();
            } else {
                break;
            }
        }
        return cur;
    }
}
