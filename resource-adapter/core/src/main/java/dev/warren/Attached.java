package dev.warren;

/**
 * The one rule behind every broker operation of an entity value ({@link Exchange}, {@link Queue}): it runs on the
 * session the value is attached to, and a detached value refuses it.
 */
final class Attached {
    private Attached() {
    }

    /**
     * @param session the session the entity is attached to, or null when it is detached
     * @param operation the method that was called, for the error
     * @param entity the entity, for the error
     * @return {@code session}
     * @throws NotAttachedException when {@code session} is null
     */
    static Session session(Session session, String operation, Object entity) {
        if (session == null) {
            throw new NotAttachedException(operation, entity);
        }
        return session;
    }
}
