package dev.warren.amqp;

import dev.warren.BrokerException;

/**
 * A TLS handshake with the broker failed: a configuration problem (trust store, host name, protocols, client
 * certificate), not a lost connection, so it is neither {@link #connectionLost()} nor worth retrying until the
 * configuration or the broker's certificate changes. The message says what failed and which setting to check.
 */
public class TlsHandshakeException extends BrokerException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and the fix
     * @param cause the JDK's exception
     */
    public TlsHandshakeException(String message, Throwable cause) {
        super(message, 0, true, false, cause);
    }

    /**
     * @param e any exception
     * @return whether it is, or was caused by, a TLS handshake failure
     */
    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TlsHandshakeException) {
                return true;
            }
        }
        return false;
    }
}
