package dev.warren.jca;

import dev.warren.Session;
import dev.warren.SessionConfig;
import dev.warren.WarrenException;
import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.BrokerConnections;
import dev.warren.amqp.ChannelSession;
import dev.warren.amqp.TlsHandshakeException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One message-driven bean's consumption: checks the dead-letter exchange exists, then opens
 * {@code concurrency} {@link ChannelConsumer}s on the adapter's shared inbound connection, the first of which
 * declares the activation's topology (exchange, queue, bindings) so that the client's automatic recovery can
 * replay it after a connection loss. {@link #stop()} cancels them, waits for in-flight deliveries to finish
 * and settle, then closes the channels. Thread-safe.
 */
final class EndpointActivation {
    private static final Logger LOG = Logger.getLogger(EndpointActivation.class.getName());
    private static final long STOP_TIMEOUT_MILLIS = 60_000;

    private final WarrenResourceAdapter adapter;
    private final MessageEndpointFactory factory;
    private final ActivationConfig config;
    private final String name;
    /** protocol=celery: the served task names; null for kombu */
    private final java.util.Set<String> celeryTasks;
    private final List<ChannelConsumer> consumers = new ArrayList<>();
    private EndpointDelivery delivery;
    private volatile boolean stopped;
    private volatile java.util.concurrent.ScheduledFuture<?> retry;
    private int attempts;
    private String lastError;

    EndpointActivation(WarrenResourceAdapter adapter, MessageEndpointFactory factory, ActivationConfig config,
                       java.util.Set<String> celeryTasks) {
        this.celeryTasks = celeryTasks;
        this.adapter = adapter;
        this.factory = factory;
        this.config = config;
        String endpoint = factory.getEndpointClass() != null ? factory.getEndpointClass().getSimpleName()
                : factory.getActivationName();
        this.name = "Warren activation " + endpoint + " on queue '" + config.queue().name() + "'";
    }

    /**
     * Starts consuming. When the broker cannot be reached (or the setup fails otherwise) and
     * {@code setupAttempts} is not 1, the failure is logged once and the setup is retried in the background
     * every {@code setupInterval} ms ({@code -1} = forever); after {@code setupAttempts} failed attempts the
     * activation gives up with one SEVERE log line. With {@code setupAttempts = 1} the failure is thrown (the
     * deployment fails).
     */
    synchronized void start() throws ResourceException {
        attempts = 1;
        try {
            setUp();
        } catch (ResourceException e) {
            if (config.setupAttempts() == 1 || TlsHandshakeException.isCause(e)) {
                throw e; // a TLS handshake failure is configuration, not a broker that is down: retrying cannot help
            }
            lastError = e.getMessage();
            LOG.log(Level.WARNING, "{0} cannot start yet (attempt 1 of {1}): {2} Retrying every {3} ms in the"
                    + " background; the deployment goes on.", new Object[]{name, attemptsText(),
                    e.getMessage(), String.valueOf(config.setupInterval())});
            scheduleRetry();
        }
    }

    private String attemptsText() {
        return config.setupAttempts() < 0 ? "unlimited" : Integer.toString(config.setupAttempts());
    }

    private void scheduleRetry() {
        retry = adapter.scheduler().schedule(this::retrySetUp, config.setupInterval(), TimeUnit.MILLISECONDS);
    }

    private synchronized void retrySetUp() {
        if (stopped) {
            return;
        }
        attempts++;
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(EndpointActivation.class.getClassLoader()); // the adapter's, as on a server thread
        try {
            setUp();
            LOG.log(Level.INFO, "{0}: broker reached after {1} attempts; consuming", new Object[]{name, attempts});
        } catch (Throwable e) { // NOPMD: whatever goes wrong, the retries go on (or give up) with a log line
            String text = e.getMessage() == null ? e.toString() : e.getMessage();
            if (config.setupAttempts() > 0 && attempts >= config.setupAttempts() || TlsHandshakeException.isCause(e)) {
                LOG.log(Level.SEVERE, "{0} gave up after {1} failed attempts to start ({2} ms apart); it consumes"
                        + " nothing. Last error: {3} To recover: make the broker reachable and redeploy the application,"
                        + " or raise setupAttempts (-1 = retry forever).",
                        new Object[]{name, attempts, String.valueOf(config.setupInterval()), text});
                return;
            }
            if (!text.equals(lastError)) { // a new kind of failure is worth one line; repeats are not
                LOG.log(Level.WARNING, name + " attempt " + attempts + " failed: " + text + " Retrying.",
                        e instanceof ResourceException ? null : e);
            } else {
                LOG.log(Level.FINE, name + " attempt " + attempts + " failed: " + text, e);
            }
            lastError = text;
            scheduleRetry();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private void setUp() throws ResourceException {
        try {
            BrokerConnection connection = adapter.connection(config.settings(), BrokerConnections.Role.INBOUND);
            if (config.failurePolicy() == FailurePolicy.DEAD_LETTER && !config.deadLetterExchangeValue().isDefault()) {
                try (Session check = ChannelSession.open(connection,
                        SessionConfig.DEFAULT.withCodec(adapter.codec()).withAccept(config.accept()))) {
                    check.declarePassive(config.deadLetterExchangeValue());
                }
            }
            FailureHandler failures = new FailureHandler(config, name);
            delivery = new EndpointDelivery(factory, failures, name, celeryTasks == null ? null
                    : new CeleryTasks(celeryTasks, config.queue().name(), name, java.time.Clock.systemUTC()));
            for (int i = 0; i < config.concurrency(); i++) {
                consumers.add(new ChannelConsumer(connection, adapter.codec(), config, adapter.workManager(), delivery,
                        name + " #" + (i + 1), i == 0));
            }
        } catch (WarrenException e) {
            closeConsumers();
            throw new ResourceException(name + " failed: " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "{0} started: {1} consumer(s), prefetch {2}, ackBatchSize {3}, failure policy {4}",
                new Object[]{name, config.concurrency(), config.prefetch(), config.ackBatchSize(),
                        config.failurePolicy()});
    }

    private void closeConsumers() {
        for (ChannelConsumer c : consumers) {
            c.cancel();
            c.close();
        }
        consumers.clear();
    }

    void stop() {
        stopped = true;
        java.util.concurrent.ScheduledFuture<?> r = retry;
        if (r != null) {
            r.cancel(false);
        }
        stopConsumers();
    }

    private synchronized void stopConsumers() {
        LOG.log(Level.INFO, "{0} stopping: cancelling consumers, finishing in-flight deliveries", name);
        if (delivery != null) {
            delivery.stopping();
        }
        for (ChannelConsumer c : consumers) {
            c.cancel();
        }
        long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MILLIS;
        boolean drained = true;
        try {
            for (ChannelConsumer c : consumers) {
                drained &= c.awaitIdle(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        for (ChannelConsumer c : consumers) {
            c.close();
        }
        consumers.clear();
        if (drained) {
            LOG.log(Level.INFO, "{0} stopped; in-flight deliveries finished", name);
        } else {
            LOG.log(Level.WARNING, "{0} stopped before all in-flight deliveries finished; the broker requeues the"
                    + " unacknowledged ones", name);
        }
    }
}
