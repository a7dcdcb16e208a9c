package dev.warren.jca;

import dev.warren.BrokerException;
import dev.warren.Exchange;
import dev.warren.Queue;
import dev.warren.RetryPolicy;
import dev.warren.SessionConfig;
import dev.warren.amqp.BrokerConnection;
import dev.warren.amqp.internal.ChannelSession;
import dev.warren.amqp.Errors;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pooled AMQP channel on the adapter's shared outbound connection. The application server pools these;
 * applications see them through {@link WarrenConnectionHandle}s.
 *
 * <p>Transactions: {@link #getLocalTransaction()} maps to AMQP tx. Once a channel did {@code tx.select} it
 * stays transactional until it returns to the pool, so work done on it outside a transaction meanwhile is committed
 * right away ({@link #afterWrite()}). Publisher confirms, when the factory enables them, are the session's default
 * confirm timeout: every publish waits for its confirm (tx and confirms cannot be combined on a channel).
 *
 * <p>Clean on return: a channel whose mode changed while in use — confirm mode on a factory without
 * publisherConfirms, basic.qos, consumers — is replaced by a fresh one in the factory's configured mode when the
 * server cleans the managed connection up ({@link #cleanup()}, after the transaction ended), so the next user never
 * inherits it. A channel whose only change is tx mode keeps it (its transaction has ended, nothing is pending), so
 * the next container transaction skips tx.select and the close/reopen; the first publish outside a transaction
 * replaces it by a fresh channel first ({@link #beforePublish()}), so no user ever publishes on a tx channel it did
 * not ask for. If no fresh channel can be opened, the managed connection reports itself invalid and the pool
 * destroys it.
 *
 * <p>Publish retries: the factory's retry policy (retry, retryMaxRetries, retryInterval*) applies outside a
 * transaction; a lost connection is recovered by the client in place, so it does not drop this managed connection.
 *
 * <p>Errors: a {@link BrokerException} that closed the channel (other than a lost connection being recovered) raises
 * CONNECTION_ERROR_OCCURRED, so the pool destroys this managed connection. Thread-safety: the server uses a managed connection from one thread at a
 * time; listener registration is thread-safe.
 */
final class WarrenManagedConnection implements ManagedConnection {
    private static final Logger LOG = Logger.getLogger(WarrenManagedConnection.class.getName());

    private final WarrenManagedConnectionFactory factory;
    /** replaced in place by {@link ChannelSession#reopen()} when its mode changed ({@link #cleanup()}) */
    private final ChannelSession session;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<WarrenConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private final boolean confirms;
    private volatile boolean txSelected;
    private volatile boolean inTransaction;
    /** basic.qos or basic.consume happened on this channel through a handle */
    private volatile boolean qosChanged;
    private volatile boolean consumed;
    /** a basic.get without auto-ack returned a message through a handle (it may still be unsettled) */
    private volatile boolean fetched;
    /** cleanup came while a transaction was still open: reset once it ends */
    private volatile boolean resetAfterTransaction;
    private volatile boolean destroyed;
    private PrintWriter logWriter;

    WarrenManagedConnection(WarrenManagedConnectionFactory factory, BrokerConnection connection)
            throws ResourceException {
        this.factory = factory;
        this.confirms = factory.getPublisherConfirms();
        try {
            this.session = ChannelSession.open(connection, new SessionConfig(factory.codec(), factory.acceptList(),
                    confirms ? Duration.ofMillis(factory.getPublisherConfirmTimeout()) : null, factory.retryPolicy(),
                    factory.tracingOn()));
            if (factory.recorder().enabled()) {
                session.observe(factory.recorder());
            }
        } catch (RuntimeException e) {
            throw resourceException(e);
        }
        try {
            declareFactoryEntities();
        } catch (ResourceException e) {
            session.close();
            throw e;
        }
    }

    private void declareFactoryEntities() throws ResourceException {
        try {
            for (Object entity : factory.declarationList()) {
                if (entity instanceof Exchange) {
                    session.declare((Exchange) entity);
                } else {
                    session.declare((Queue) entity);
                }
            }
        } catch (RuntimeException e) {
            throw resourceException(e instanceof BrokerException ? (BrokerException) e
                    : Errors.translate("prepare a pooled channel", e));
        }
    }

    /** @return what changed on the channel since it was opened, or null when it is in the factory's mode */
    private String changedMode() {
        StringBuilder b = new StringBuilder();
        if (txSelected) {
            b.append(" tx");
        }
        if (session.confirmMode() && !confirms) {
            b.append(" confirms");
        }
        if (qosChanged) {
            b.append(" qos");
        }
        if (consumed) {
            b.append(" consumers");
        }
        return b.length() == 0 ? null : b.toString().trim();
    }

    /** Replaces the channel by a fresh one in the factory's mode; when that fails, this becomes invalid. */
    private void reset(String changed) throws ResourceException {
        try {
            session.reopen();
            declareFactoryEntities();
        } catch (RuntimeException | ResourceException e) {
            destroyed = true; // the pool's validation drops it (and getConnection refuses it meanwhile)
            LOG.log(Level.WARNING, "Pooled channel could not be reset after use (" + changed + "); it is dropped from"
                    + " the pool: " + e.getMessage());
            throw e instanceof ResourceException ? (ResourceException) e : resourceException((RuntimeException) e);
        } finally {
            txSelected = false;
            qosChanged = false;
            consumed = false;
            fetched = false;
        }
        LOG.log(Level.FINE, "Pooled channel reset to its factory''s mode after use ({0}): {1}",
                new Object[]{changed, session});
    }

    /** A handle set basic.qos: the channel is reset when it returns to the pool. */
    void qosChanged() {
        qosChanged = true;
    }

    /** A handle started a consumer: the channel is reset when it returns to the pool. */
    void consumed() {
        consumed = true;
    }

    /** @return whether a container (local) transaction is active on this channel */
    boolean inTransaction() {
        return inTransaction;
    }

    static ResourceException resourceException(RuntimeException e) {
        ResourceException re = new ResourceException(e.getMessage(), e);
        return re;
    }

    WarrenManagedConnectionFactory factory() {
        return factory;
    }

    ChannelSession session() {
        return session;
    }

    /** @return whether the factory has publisherConfirms (every publish on this channel is confirmed) */
    boolean confirmsByDefault() {
        return confirms;
    }

    /** @return not destroyed, and open or being recovered in place by the client (a lost connection) */
    boolean isUsable() {
        return !destroyed && (session.isOpen() || session.isRecovering());
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (!isUsable()) {
            throw new jakarta.resource.spi.IllegalStateException("The pooled channel " + session
                    + " is closed. Fix: retry; the pool replaces broken channels.");
        }
        WarrenConnectionHandle h = new WarrenConnectionHandle(this);
        handles.add(h);
        return h;
    }

    @Override
    public void associateConnection(Object handle) throws ResourceException {
        if (!(handle instanceof WarrenConnectionHandle)) {
            throw new jakarta.resource.spi.IllegalStateException("Not a Warren connection handle: " + handle);
        }
        WarrenConnectionHandle h = (WarrenConnectionHandle) handle;
        WarrenManagedConnection old = h.managedConnection();
        if (old != null) {
            old.handles.remove(h);
        }
        h.associate(this);
        handles.add(h);
    }

    /**
     * Invalidates all handles (they fail clearly on use) and, when the channel's mode changed, replaces it by one in
     * the factory's mode: ready for reuse by another caller.
     *
     * @throws ResourceException when no fresh channel could be opened (the pool then destroys this)
     */
    @Override
    public void cleanup() throws ResourceException {
        if (!handles.isEmpty()) { // usually empty: a closed handle left already (iterating scans the whole table)
            for (WarrenConnectionHandle h : handles) {
                h.invalidate();
            }
            handles.clear();
        }
        if (destroyed) {
            return;
        }
        String changed = changedMode();
        if (changed == null) {
            return;
        }
        if (inTransaction) {
            resetAfterTransaction = true; // never lose an open transaction: reset when it ends
            return;
        }
        resetUnlessOnlyTx(changed);
    }

    /**
     * Tx mode alone is kept for the next user (see the class comment: {@link #beforePublish()} replaces the channel
     * before a publish outside a transaction); any other change replaces the channel now.
     */
    private void resetUnlessOnlyTx(String changed) throws ResourceException {
        if (changed.equals("tx")) {
            fetched = false; // the transaction ended: whatever was fetched in it is settled or requeued with it
            return;
        }
        reset(changed);
    }

    /**
     * Before a publish through a handle: a channel in tx mode with no transaction on (kept from an earlier container
     * transaction) is replaced by a fresh channel in the factory's mode, unless messages consumed or fetched on it may
     * still be unsettled (then writes are committed at once by {@link #afterWrite()}, as before).
     *
     * @throws BrokerException when no fresh channel can be opened (this managed connection is then invalid)
     */
    void beforePublish() {
        if (txSelected && !inTransaction && !consumed && !fetched && !qosChanged && !destroyed) {
            try {
                reset("tx");
            } catch (ResourceException e) {
                throw e.getCause() instanceof BrokerException ? (BrokerException) e.getCause()
                        : new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    /** A handle fetched a message with basic.get and manual acknowledgement. */
    void fetched() {
        fetched = true;
    }

    @Override
    public void destroy() {
        destroyed = true;
        try {
            cleanup();
        } catch (ResourceException e) {
            LOG.log(Level.FINE, "Cleaning up before destroying failed: " + e.getMessage(), e);
        }
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing pooled channel failed (already broken): " + e.getMessage(), e);
        }
    }

    /** Called by a handle when the application closes it: the pool may reuse this managed connection. */
    void handleClosed(WarrenConnectionHandle h) {
        handles.remove(h);
        ConnectionEvent ev = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        ev.setConnectionHandle(h);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(ev);
        }
    }

    /** Called by a handle when an operation failed and closed the channel: the pool must drop it. */
    void channelFailed(WarrenConnectionHandle h, BrokerException e) {
        LOG.log(Level.WARNING, "Pooled channel " + session + " failed and is dropped from the pool: "
                + e.getMessage());
        ConnectionEvent ev = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, e);
        ev.setConnectionHandle(h);
        for (ConnectionEventListener l : listeners) {
            l.connectionErrorOccurred(ev);
        }
    }

    /**
     * After a publish or settlement: outside a transaction, commits right away on a channel in tx mode.
     * (Publisher confirms are waited for by the session itself, per publish.)
     */
    void afterWrite() {
        if (!inTransaction && txSelected) {
            txCall("commit (auto-commit outside a transaction)", TxOp.COMMIT);
        }
    }

    enum TxOp { SELECT, COMMIT, ROLLBACK }

    void txCall(String action, TxOp op) {
        switch (op) {
            case SELECT -> session.txSelect(action);
            case COMMIT -> session.txCommit(action);
            case ROLLBACK -> session.txRollback(action);
            default -> throw new IllegalArgumentException(op.name());
        }
    }

    void beginTransaction() throws ResourceException {
        if (confirms || session.confirmMode()) {
            throw new jakarta.resource.NotSupportedException("This Warren connection factory has publisherConfirms"
                    + "=true, and an AMQP channel cannot be both transactional and in confirm mode. Fix: use"
                    + " a factory without publisherConfirms for transactional work, or publish outside a transaction.");
        }
        if (!txSelected) {
            guarded(() -> txCall("start", TxOp.SELECT));
            txSelected = true;
        }
        inTransaction = true;
    }

    void endTransaction(boolean commit) throws ResourceException {
        try {
            guarded(() -> txCall(commit ? "commit" : "roll back", commit ? TxOp.COMMIT : TxOp.ROLLBACK));
        } finally {
            inTransaction = false;
        }
        if (resetAfterTransaction && handles.isEmpty() && !destroyed) {
            resetAfterTransaction = false;
            String changed = changedMode();
            if (changed != null) {
                resetUnlessOnlyTx(changed);
            }
        }
    }

    private void guarded(Runnable r) throws ResourceException {
        try {
            r.run();
        } catch (BrokerException e) {
            if (e.channelClosed()) {
                channelFailed(null, e);
            }
            throw resourceException(e);
        } catch (RuntimeException e) {
            throw resourceException(e);
        }
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        return new WarrenLocalTransaction(this);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("Warren does not support XA: AMQP 0-9-1 has no two-phase commit."
                + " Fix: use transaction-support LocalTransaction (the default in ra.xml).");
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener l) {
        listeners.add(l);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener l) {
        listeners.remove(l);
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                String p = session.serverProperty("product");
                return p == null ? "RabbitMQ" : p;
            }

            @Override
            public String getEISProductVersion() {
                String v = session.serverProperty("version");
                return v == null ? "unknown" : v;
            }

            @Override
            public int getMaxConnections() {
                return session.channelMax();
            }

            @Override
            public String getUserName() {
                return null;
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public String toString() {
        return "WarrenManagedConnection(" + session + (txSelected ? ", tx" : "") + ")";
    }
}
