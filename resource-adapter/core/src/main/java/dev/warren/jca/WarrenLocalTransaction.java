package dev.warren.jca;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;

/**
 * AMQP tx on one pooled channel: begin = tx.select (once per channel), commit = tx.commit,
 * rollback = tx.rollback. Publishes and acknowledgements made in between become visible (or are
 * undone) together. Used by the application server when a handle takes part in a JTA transaction.
 * Not thread-safe (the server drives it from the transaction's thread).
 */
final class WarrenLocalTransaction implements LocalTransaction {
    private final WarrenManagedConnection mc;

    WarrenLocalTransaction(WarrenManagedConnection mc) {
        this.mc = mc;
    }

    @Override
    public void begin() throws ResourceException {
        mc.beginTransaction();
    }

    @Override
    public void commit() throws ResourceException {
        mc.endTransaction(true);
    }

    @Override
    public void rollback() throws ResourceException {
        mc.endTransaction(false);
    }
}
