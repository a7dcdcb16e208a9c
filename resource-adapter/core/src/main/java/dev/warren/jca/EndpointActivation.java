package dev.warren.jca;

import dev.warren.Session;
import dev.warren.SessionConfig;
import dev.warren.WarrenException;
import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.BrokerConnections;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.amqp.TlsHandshakeException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One message-driven bean's consumption: checks the dead-letter exchange exists, then opens
 * {@code concurrency} {@link ChannelConsumer}s on the adapter's shared inbound connection, the first of which
 * declares the activation's topology (exchange, queue, bindings) so that the client's automatic recovery can
 * replay it after a connection loss. Each consumer channel is supervised (reopened after the broker closes it).
 * Stopping is three steps so that the adapter can stop many activations against one deadline: {@link #beginStop()}
 * cancels the consumers, {@link #awaitDrained} waits (signalled) for in-flight deliveries to finish and settle,
 * {@link #finishStop()} closes the channels. Thread-safe.
 */
final class EndpointActivation {
    private static final Logger LOG = Logger.getLogger(EndpointActivation.class.getName());

    private final WarrenResourceAdapter adapter;
    private final MessageEndpointFactory factory;
    private final ActivationConfig config;
    private final String name;
    /** protocol=celery: the served task names; null for kombu */
    private final java.util.Set<String> celeryTasks;
    private final List<ChannelConsumer> consumers = new ArrayList<>();
    private EndpointDelivery delivery;
    private volatile boolean stopped;
    private volatile java.util.TimerTask retry;
    private volatile java.util.TimerTask resume;
    private volatile boolean drained = true;
    private int attempts;
    private volatile String lastError;
    /** the consumers once set up (empty before, and after stop): read by readiness without the lock */
    private volatile List<ChannelConsumer> open = List.of();
    private volatile BrokerConnection connection;
    private final DeliveryRecorder recorder;
    private volatile MetricsScope scope;
    private volatile boolean gaveUp;
    /** the activation's name in its MBean and meters: bean class simple name / queue */
    private final String metricsName;

    /** the bean is a {@link WarrenBatchListener}: its consumers deliver batches */
    private final boolean batch;

    /** @param batch whether the bean receives batches ({@link WarrenBatchListener}) */
    EndpointActivation(WarrenResourceAdapter adapter, MessageEndpointFactory factory, ActivationConfig config,
                       java.util.Set<String> celeryTasks, boolean batch) {
        this.celeryTasks = celeryTasks;
        this.batch = batch;
        this.adapter = adapter;
        this.factory = factory;
        this.config = config;
        String endpoint = factory.getEndpointClass() != null ? factory.getEndpointClass().getSimpleName()
                : factory.getActivationName();
        this.name = "Warren activation " + endpoint + " on queue '" + config.queue().name() + "'";
        Observability o = adapter.observability();
        this.recorder = o == null ? DeliveryRecorder.OFF : o.recorder();
        this.metricsName = endpoint + "/" + config.queue().name();
    }

    /** @return consumers consuming now */
    private int consumersOpen() {
        int n = 0;
        for (ChannelConsumer c : open) {
            n += c.consuming() ? 1 : 0;
        }
        return n;
    }

    /** @return why this activation is not consuming fully, or null when it is */
    private String problem() {
        if (stopped) {
            return null;
        }
        List<ChannelConsumer> all = open;
        if (all.isEmpty()) {
            String why = lastError == null ? "" : " (last error: " + lastError + ")";
            return name + (gaveUp ? " gave up starting" : " is not consuming yet: its set-up is being retried") + why;
        }
        int n = consumersOpen();
        return n == all.size() ? null : name + ": " + n + " of " + all.size() + " consumers open";
    }

    /**
     * Starts consuming. When the broker cannot be reached (or the setup fails otherwise) and
     * {@code setupAttempts} is not 1, the failure is logged once and the setup is retried in the background
     * every {@code setupInterval} ms ({@code -1} = forever); after {@code setupAttempts} failed attempts the
     * activation gives up with one SEVERE log line. With {@code setupAttempts = 1} the failure is thrown (the
     * deployment fails).
     */
    synchronized void start() throws ResourceException {
        Observability o = adapter.observability();
        if (o != null) {
            scope = o.add(new MetricsScope(MetricsScope.ACTIVATION, metricsName, recorder, this::consumersOpen,
                    () -> connection, this::problem), this);
        }
        attempts = 1;
        try {
            startOrRetry();
        } catch (ResourceException | RuntimeException e) {
            removeScope();
            throw e;
        }
    }

    private void removeScope() {
        MetricsScope s = scope;
        Observability o = adapter.observability();
        if (s != null && o != null) {
            o.remove(s);
        }
    }

    private void startOrRetry() throws ResourceException {
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
        retry = adapter.background().schedule(name + " set-up retry", this::retrySetUp, config.setupInterval());
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
                lastError = text;
                gaveUp = true;
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
            this.connection = connection;
            if (config.failurePolicy() == FailurePolicy.DEAD_LETTER && !config.deadLetterExchangeValue().isDefault()) {
                try (Session check = ChannelSession.open(connection,
                        SessionConfig.DEFAULT.withCodec(adapter.codec()).withAccept(config.accept()))) {
                    check.declarePassive(config.deadLetterExchangeValue());
                }
            }
            FailureHandler failures = new FailureHandler(config, name, java.time.Clock.systemUTC(), recorder);
            boolean tracing = config.tracing() && Boolean.TRUE.equals(adapter.getTracing());
            delivery = new EndpointDelivery(factory, failures, name, adapter.transactionRegistry(), recorder,
                    celeryTasks == null ? null : new CeleryTasks(celeryTasks, config.queue().name(), name,
                            java.time.Clock.systemUTC()), tracing, batch ? config.batches() : null);
            BackgroundWork background = adapter.background();
            for (int i = 0; i < config.concurrency(); i++) {
                String consumer = name + " #" + (i + 1);
                consumers.add(new ChannelConsumer(connection, adapter.codec(), config, adapter.workManager(), delivery,
                        consumer, i == 0, (task, delay) -> background.schedule(consumer + " repair", task, delay),
                        tracing, recorder));
            }
            open = List.copyOf(consumers);
        } catch (WarrenException e) {
            closeConsumers();
            throw new ResourceException(name + " failed: " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "{0} started: {1} consumer(s), prefetch {2}, {3}, failure policy {4}{5}",
                new Object[]{name, config.concurrency(), config.prefetch(), batch ? "batchSize "
                        + config.batches().size() + ", batchTimeout " + config.batches().timeoutNanos() / 1_000_000
                        + " ms" : "ackBatchSize " + config.ackBatchSize(),
                        config.failurePolicy(), config.delaysRetries() ? ", retries wait in "
                        + config.retryQueues().stream().map(dev.warren.Queue::name).toList() : ""});
    }

    private void closeConsumers() {
        open = List.of();
        for (ChannelConsumer c : consumers) {
            c.cancel();
            c.close();
        }
        consumers.clear();
    }

    /** @return the class loader of the bean class: activations sharing it belong to one application module */
    ClassLoader moduleLoader() {
        Class<?> c = factory.getEndpointClass();
        return c == null ? null : c.getClassLoader();
    }

    /** Stops and drains within {@code timeoutMillis}, then closes the channels. */
    void stop(long timeoutMillis) {
        beginStop();
        awaitDrained(System.currentTimeMillis() + timeoutMillis);
        finishStop();
    }

    /**
     * Stops new deliveries at once (cancels the consumers and any pending set-up retry) without waiting; a sibling
     * activation being deactivated calls it so that the module's activations drain together. Quiesced, it resumes
     * consuming by itself after {@code resumeAfterMillis} unless it was stopped meanwhile (a module whose other beans
     * stay deployed goes on).
     */
    synchronized void quiesce(long resumeAfterMillis) {
        if (stopped || resume != null) {
            return;
        }
        LOG.log(Level.FINE, "{0}: quiesced while a bean of the same module is deactivated", name);
        cancelConsumers();
        resume = adapter.background().schedule(name + " resume", this::resumeIfNotStopped, resumeAfterMillis);
    }

    private synchronized void resumeIfNotStopped() {
        resume = null;
        if (stopped) {
            return;
        }
        LOG.log(Level.INFO, "{0}: not deactivated after its module''s other beans were; consuming again", name);
        if (delivery != null) {
            delivery.resumed();
        }
        for (ChannelConsumer c : consumers) {
            c.resume();
        }
    }

    /**
     * First step of stopping: no new deliveries, no retries; in-flight ones go on. Marks the activation stopped before
     * taking its lock, so that a set-up retry in progress (which holds it) gives up as soon as it can.
     */
    void beginStop() {
        if (stopped) {
            return;
        }
        stopped = true;
        java.util.TimerTask r = retry;
        if (r != null) {
            r.cancel();
        }
        java.util.TimerTask q = resume;
        if (q != null) {
            q.cancel();
        }
        synchronized (this) {
            LOG.log(Level.INFO, "{0} stopping: cancelling consumers, finishing in-flight deliveries", name);
            cancelConsumers();
        }
    }

    private void cancelConsumers() {
        if (delivery != null) {
            delivery.stopping();
        }
        for (ChannelConsumer c : consumers) {
            c.cancel();
        }
    }

    /**
     * Second step: waits (signalled by the drains) until every consumer is idle or the deadline passes.
     *
     * @param deadline {@link System#currentTimeMillis()} to give up at
     * @return whether all drained in time
     */
    boolean awaitDrained(long deadline) {
        List<ChannelConsumer> all;
        synchronized (this) {
            all = new ArrayList<>(consumers);
        }
        boolean d = true;
        try {
            for (ChannelConsumer c : all) {
                d &= c.awaitIdle(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            d = false;
        }
        drained = d;
        return d;
    }

    /** Last step: closes the channels (the broker requeues anything still unacknowledged). */
    synchronized void finishStop() {
        open = List.of();
        for (ChannelConsumer c : consumers) {
            c.close();
        }
        consumers.clear();
        removeScope(); // its MBean and meters go with it
        if (drained) {
            LOG.log(Level.INFO, "{0} stopped; in-flight deliveries finished", name);
        } else {
            LOG.log(Level.WARNING, "{0} stopped before all in-flight deliveries finished (shutdownTimeout); the broker"
                    + " requeues the unacknowledged ones", name);
        }
    }
}
