package dev.warren.jca;

import dev.warren.Message;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers one message to a message-driven bean: takes an endpoint (a new one, or the one the same consumer
 * channel used for its previous message — the JCA contract allows serial reuse, and creating one per message was
 * a sixth of the delivery thread's time in Payara), calls beforeDelivery / afterDelivery around the listener
 * method when the container wants the delivery transacted, then acknowledges the message if the bean returned
 * normally (and the transaction committed), or hands it to the {@link FailureHandler}. After a failed delivery
 * the endpoint is released, so the next message gets a fresh one. Thread-safe (one instance serves all consumers of an
 * activation; each endpoint is used by one drain thread at a time).
 */
final class EndpointDelivery {
    private static final Logger LOG = Logger.getLogger(EndpointDelivery.class.getName());
    private static final Method ON_MESSAGE;
    private static final Method ON_BODY;
    private static final long ENDPOINT_WAIT_MILLIS = 10_000;

    static {
        try {
            ON_MESSAGE = WarrenListener.class.getMethod("onMessage", Message.class);
            ON_BODY = WarrenBodyListener.class.getMethod("onMessage", Object.class, Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessageEndpointFactory factory;
    private final FailureHandler failures;
    private final String name;
    /** protocol=celery: reads tasks and publishes results around the bean; null for kombu */
    private final CeleryTasks celery;
    private volatile boolean stopping;
    private volatile Boolean messageTransacted;
    private volatile Boolean bodyTransacted;

    EndpointDelivery(MessageEndpointFactory factory, FailureHandler failures, String name, CeleryTasks celery) {
        this.factory = factory;
        this.failures = failures;
        this.name = name;
        this.celery = celery;
    }

    /** The activation is stopping: do not wait for endpoints that are going away. */
    void stopping() {
        stopping = true;
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
        Throwable failure;
        try {
            failure = task != null ? celery.invoke(endpoint, task, this::isDeliveryTransacted)
                    : invoke(endpoint, message);
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null) { // start the next delivery on a fresh endpoint
            release(endpoint);
            endpoint = null;
        }
        try {
            if (message.settled()) {
                return endpoint; // the bean settled it itself
            }
            if (failure == null && task != null) {
                failure = celery.finish(task, session);
            }
            if (failure == null) {
                message.ack();
            } else {
                failures.handle(message, unwrap(failure), session);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not settle " + message.describe() + " for " + name + " (the broker"
                    + " redelivers it when the channel closes): " + e.getMessage(), e);
        }
        return endpoint;
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

    private Throwable invoke(MessageEndpoint endpoint, Message message) throws Exception {
        boolean body = endpoint instanceof WarrenBodyListener;
        Method method = body ? ON_BODY : ON_MESSAGE;
        boolean transacted = isDeliveryTransacted(method);
        if (transacted) {
            endpoint.beforeDelivery(method);
        }
        Throwable failure = null;
        try {
            if (body) {
                ((WarrenBodyListener) endpoint).onMessage(message.payload(), message);
            } else {
                ((WarrenListener) endpoint).onMessage(message);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (transacted) {
                try {
                    endpoint.afterDelivery();
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                }
            }
        }
        return failure;
    }

    /** The answer is fixed per deployment; asking the container per message costs a lookup every time. */
    private boolean isDeliveryTransacted(Method method) throws NoSuchMethodException {
        if (method != ON_BODY && method != ON_MESSAGE) {
            return factory.isDeliveryTransacted(method);
        }
        Boolean known = method == ON_BODY ? bodyTransacted : messageTransacted;
        if (known == null) {
            known = factory.isDeliveryTransacted(method);
            if (method == ON_BODY) {
                bodyTransacted = known;
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
