package dev.warren.jca;

/**
 * The reason a delivery failed when the bean returned normally but its container-managed transaction rolled back
 * (setRollbackOnly, a transaction timeout, a resource that could not commit): the failure policy gets this, and
 * dead letters carry {@value #REASON} in {@code x-warren-exception}.
 */
final class TransactionRolledBack extends Exception {
    private static final long serialVersionUID = 1L;
    /** what {@code x-warren-exception} says */
    static final String REASON = "transaction rolled back";

    TransactionRolledBack(String detail) {
        super(detail, null, false, false);
    }
}
