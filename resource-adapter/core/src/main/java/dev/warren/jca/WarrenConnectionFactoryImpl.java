package dev.warren.jca;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import javax.naming.Reference;

/**
 * The application-facing factory: asks the server's connection manager (the pool) for a handle.
 * Thread-safe.
 */
public final class WarrenConnectionFactoryImpl implements WarrenConnectionFactory {
    private static final long serialVersionUID = 1L;

    private final WarrenManagedConnectionFactory mcf;
    private final ConnectionManager cm;
    private Reference reference;

    WarrenConnectionFactoryImpl(WarrenManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    @Override
    public WarrenConnection getConnection() throws ResourceException {
        return (WarrenConnection) cm.allocateConnection(mcf, null);
    }

    @Override
    public AdapterStatus status() throws ResourceException {
        return mcf.adapter().status();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    @Override
    public String toString() {
        return "WarrenConnectionFactory(" + mcf + ")";
    }
}
