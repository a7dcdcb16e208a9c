package dev.warren.amqp;

import java.util.List;
import java.util.Objects;

/**
 * How a TLS connection verifies the broker and identifies itself. Warren builds the SSLContext from these itself
 * ({@link TlsContexts}); the broker's certificate is always verified (there is no trust-all), against
 * {@code trustStore}, or the JVM's default trust store when none is set. Immutable; passwords never appear in
 * {@link #toString()}.
 *
 * @param trustStore path of the store holding the CA certificates to trust, or null for the JVM's default
 * @param trustStorePassword its password, or null
 * @param trustStoreType its type (PKCS12, JKS)
 * @param keyStore path of the store holding the client certificate and key (mutual TLS), or null
 * @param keyStorePassword its password (also the key's), or null
 * @param keyStoreType its type (PKCS12, JKS)
 * @param protocols the TLS protocol versions offered, e.g. TLSv1.3, TLSv1.2
 * @param hostnameVerification whether the broker's certificate must name the host connected to
 */
public record TlsSettings(String trustStore, String trustStorePassword, String trustStoreType, String keyStore,
                          String keyStorePassword, String keyStoreType, List<String> protocols,
                          boolean hostnameVerification) {
    /** The protocols offered when {@code tlsProtocols} is not set. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** The store type when none is set. */
    public static final String DEFAULT_STORE_TYPE = "PKCS12";

    /** Copies the protocol list. */
    public TlsSettings {
        Objects.requireNonNull(trustStoreType, "trustStoreType");
        Objects.requireNonNull(keyStoreType, "keyStoreType");
        protocols = List.copyOf(protocols);
    }

    @Override
    public String toString() {
        return "tls(trustStore=" + (trustStore == null ? "JVM default" : trustStore + " (" + trustStoreType + ")")
                + (keyStore == null ? "" : ", keyStore=" + keyStore + " (" + keyStoreType + ")")
                + ", protocols=" + String.join(",", protocols)
                + (hostnameVerification ? "" : ", hostnameVerification=false") + ")";
    }
}
