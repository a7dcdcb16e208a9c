package dev.warren;

/**
 * An operation that needs a broker channel was called on an entity (exchange, queue) that is not bound to
 * one — kombu's {@code NotBoundError}. Fix: call {@code bind(session)} and use the returned copy, or pass
 * the entity to a {@link Session} method.
 */
public class NotBoundException extends WarrenException {
    private static final long serialVersionUID = 1L;

    /**
     * @param operation the method that was called, e.g. {@code delete}
     * @param entity the unbound entity, described by its {@code toString()}
     */
    public NotBoundException(String operation, Object entity) {
        super("Can't call " + operation + " on " + entity + " not bound to a channel."
                + " Fix: use entity.bind(session)." + operation + "(...) or session." + operation + "(entity).");
    }
}
