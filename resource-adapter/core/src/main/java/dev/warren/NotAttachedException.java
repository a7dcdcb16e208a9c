package dev.warren;

/**
 * An operation that needs a broker channel was called on an entity (exchange, queue) that is not attached to a
 * session — kombu's {@code NotBoundError} (kombu says "bound to a channel"; Warren keeps "bind" for bindings). Fix:
 * call {@code attach(session)} and use the returned copy, or pass the entity to a {@link Session} method.
 */
public class NotAttachedException extends WarrenException {
    private static final long serialVersionUID = 1L;

    /**
     * @param operation the method that was called, e.g. {@code delete}
     * @param entity the detached entity, described by its {@code toString()}
     */
    public NotAttachedException(String operation, Object entity) {
        super("Can't call " + operation + " on " + entity + ": it is not attached to a session."
                + " Fix: use entity.attach(session)." + operation + "() or session." + operation + "(entity).");
    }
}
