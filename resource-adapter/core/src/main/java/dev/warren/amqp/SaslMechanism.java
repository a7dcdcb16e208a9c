package dev.warren.amqp;

import dev.warren.WarrenException;

import java.util.Locale;

/** How a connection logs in to the broker. */
public enum SaslMechanism {
    /** user name and password (the broker's default) */
    PLAIN,
    /**
     * the client certificate of a TLS connection (broker plugin {@code rabbitmq_auth_mechanism_ssl}; the user is
     * named after the certificate's subject)
     */
    EXTERNAL;

    /**
     * @param property the property's name, for the message
     * @param value PLAIN or EXTERNAL, in any case
     * @return the mechanism
     * @throws WarrenException naming the property, the value and the choices
     */
    public static SaslMechanism parse(String property, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WarrenException("Invalid " + property + "='" + value + "'. Fix: use PLAIN (user name and"
                    + " password) or EXTERNAL (TLS client certificate).", e);
        }
    }
}
