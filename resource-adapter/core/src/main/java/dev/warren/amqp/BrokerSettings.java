package dev.warren.amqp;

import dev.warren.WarrenException;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The effective settings of one broker connection: everything that changes the connection, resolved (defaults
 * applied, the uri's parts applied over the properties). {@link BrokerConnections} keys its shared connections on
 * this value, so two settings that differ in anything — the password, the heartbeat, a timeout, the recovery
 * interval, a TLS setting, the login mechanism — never share a connection. Build one with {@link #builder()}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the password or the store passwords.
 *
 * @param endpoints the nodes to connect to (from {@code addresses}, else host and port)
 * @param addressShuffle whether the client shuffles {@code endpoints} before each connection attempt (true, the
 *        client's behaviour: connections spread over the cluster) or tries them in the order given (false:
 *        active/passive, the first node that answers wins)
 * @param virtualHost the virtual host
 * @param username the user name (PLAIN login)
 * @param password the password (PLAIN login)
 * @param tls the TLS settings, or null for a plain connection
 * @param saslMechanism how to log in
 * @param requestedHeartbeat heartbeat timeout in seconds (0 = none)
 * @param connectionTimeout TCP connect (and TLS handshake) timeout in milliseconds (0 = none)
 * @param channelMax requested channel limit (0 = the broker's)
 * @param networkRecoveryInterval milliseconds between automatic reconnection attempts
 * @param connectionName the client-provided name shown by the broker (Warren appends the role)
 */
public record BrokerSettings(List<Endpoint> endpoints, boolean addressShuffle, String virtualHost, String username,
                             String password,
                             TlsSettings tls, SaslMechanism saslMechanism, int requestedHeartbeat,
                             int connectionTimeout, int channelMax, long networkRecoveryInterval,
                             String connectionName) {
    /** AMQP's port. */
    public static final int AMQP_PORT = 5672;
    /** AMQP over TLS's port. */
    public static final int AMQPS_PORT = 5671;

    /** Checks the values that cannot be checked one property at a time. */
    public BrokerSettings {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(virtualHost, "virtualHost");
        Objects.requireNonNull(saslMechanism, "saslMechanism");
        if (saslMechanism == SaslMechanism.EXTERNAL && (tls == null || tls.keyStore() == null)) {
            throw new WarrenException("Invalid property saslMechanism=EXTERNAL: EXTERNAL logs in with the TLS"
                    + " client certificate, but " + (tls == null ? "TLS is off" : "no keyStore is set")
                    + ". Fix: use an amqps:// uri (or tls=true) and set keyStore (with keyStorePassword) to the"
                    + " client certificate, or use saslMechanism=PLAIN.");
        }
    }

    /** @return a builder with nothing set */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param uri a uri as configured, possibly holding a password
     * @return the uri with its password replaced by {@code ***} (found by parsing the uri), a placeholder when it
     *         does not parse, or null for null
     */
    public static String redactedUri(String uri) {
        return AmqpUri.redact(uri);
    }

    /** @return whether the connection uses TLS */
    public boolean usesTls() {
        return tls != null;
    }

    /** @return the settings without any password */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BrokerSettings(");
        sb.append(endpoints.size() == 1 ? endpoints.get(0).toString()
                        : "addresses=" + endpoints + (addressShuffle ? " (shuffled)" : " (in order)"))
                .append(", vhost=").append(virtualHost)
                .append(", user=").append(saslMechanism == SaslMechanism.EXTERNAL ? "(client certificate)" : username);
        if (tls != null) {
            sb.append(", ").append(tls);
        }
        sb.append(", heartbeat=").append(requestedHeartbeat).append("s, connectionTimeout=").append(connectionTimeout)
                .append("ms, networkRecoveryInterval=").append(networkRecoveryInterval).append("ms");
        if (connectionName != null) {
            sb.append(", name=").append(connectionName);
        }
        return sb.append(')').toString();
    }

    /**
     * Collects the connection properties as configured (null = not set) and resolves them into
     * {@link BrokerSettings}. Errors name the property, its value (never a password, never a uri that may hold
     * one) and the fix. Not thread-safe.
     */
    public static final class Builder {
        private String uri;
        private String host;
        private Integer port;
        private String virtualHost;
        private String username;
        private String password;
        private String addresses;
        private Boolean addressShuffle;
        private Integer requestedHeartbeat;
        private Integer connectionTimeout;
        private Long networkRecoveryInterval;
        private String connectionName;
        private Boolean tls;
        private String trustStore;
        private String trustStorePassword;
        private String trustStoreType;
        private String keyStore;
        private String keyStorePassword;
        private String keyStoreType;
        private String tlsProtocols;
        private Boolean hostnameVerification;
        private String saslMechanism;

        private Builder() {
        }

        /** @param v amqp:// or amqps:// uri; wins for the parts it names @return this */
        public Builder uri(String v) { uri = v; return this; }
        /** @param v host @return this */
        public Builder host(String v) { host = v; return this; }
        /** @param v port @return this */
        public Builder port(Integer v) { port = v; return this; }
        /** @param v virtual host @return this */
        public Builder virtualHost(String v) { virtualHost = v; return this; }
        /** @param v user name @return this */
        public Builder username(String v) { username = v; return this; }
        /** @param v password @return this */
        public Builder password(String v) { password = v; return this; }
        /** @param v node list, e.g. rabbit1:5672,rabbit2:5672 @return this */
        public Builder addresses(String v) { addresses = v; return this; }
        /** @param v shuffle the node list (default true) or try it in order @return this */
        public Builder addressShuffle(Boolean v) { addressShuffle = v; return this; }
        /** @param v heartbeat seconds @return this */
        public Builder requestedHeartbeat(Integer v) { requestedHeartbeat = v; return this; }
        /** @param v connect timeout ms @return this */
        public Builder connectionTimeout(Integer v) { connectionTimeout = v; return this; }
        /** @param v recovery interval ms @return this */
        public Builder networkRecoveryInterval(Long v) { networkRecoveryInterval = v; return this; }
        /** @param v connection name @return this */
        public Builder connectionName(String v) { connectionName = v; return this; }
        /** @param v TLS on (an amqps uri turns it on too) @return this */
        public Builder tls(Boolean v) { tls = v; return this; }
        /** @param v trust store path @return this */
        public Builder trustStore(String v) { trustStore = v; return this; }
        /** @param v trust store password @return this */
        public Builder trustStorePassword(String v) { trustStorePassword = v; return this; }
        /** @param v trust store type @return this */
        public Builder trustStoreType(String v) { trustStoreType = v; return this; }
        /** @param v key store path @return this */
        public Builder keyStore(String v) { keyStore = v; return this; }
        /** @param v key store password @return this */
        public Builder keyStorePassword(String v) { keyStorePassword = v; return this; }
        /** @param v key store type @return this */
        public Builder keyStoreType(String v) { keyStoreType = v; return this; }
        /** @param v comma-separated TLS protocol versions @return this */
        public Builder tlsProtocols(String v) { tlsProtocols = v; return this; }
        /** @param v whether the certificate must name the host @return this */
        public Builder hostnameVerification(Boolean v) { hostnameVerification = v; return this; }
        /** @param v PLAIN or EXTERNAL @return this */
        public Builder saslMechanism(String v) { saslMechanism = v; return this; }

        /**
         * Checks each property on its own (the uri parses, ports and numbers are in range, the node list, the
         * protocols, store types and login mechanism are known) without resolving them together: what a level of
         * configuration that overrides only some properties can check.
         *
         * @param owner what holds the properties, for the message (e.g. "the Warren connection factory")
         * @throws WarrenException naming the property, the value and the fix
         */
        public void check(String owner) {
            try {
                checkPort("port", port);
                checkNotNegative("requestedHeartbeat", requestedHeartbeat);
                checkNotNegative("connectionTimeout", connectionTimeout);
                if (networkRecoveryInterval != null && networkRecoveryInterval <= 0) {
                    throw new WarrenException("Invalid property networkRecoveryInterval=" + networkRecoveryInterval
                            + ". Fix: give the milliseconds between reconnection attempts, e.g. 5000.");
                }
                if (uri != null) {
                    AmqpUri parsed = parseUri();
                    if (parsed.port() != null) {
                        checkPort("uri port", parsed.port());
                    }
                }
                if (addresses != null) {
                    Endpoint.parseList(addresses, AMQP_PORT);
                }
                protocols();
                storeType("trustStoreType", trustStoreType);
                storeType("keyStoreType", keyStoreType);
                if (saslMechanism != null) {
                    SaslMechanism.parse("property saslMechanism", saslMechanism);
                }
            } catch (WarrenException e) {
                throw new WarrenException(e.getMessage().replaceFirst("\\. Fix: ",
                        java.util.regex.Matcher.quoteReplacement(" in " + owner + ". Fix: ")), e.getCause());
            }
        }

        /**
         * @return the resolved settings
         * @throws WarrenException naming the property, the value and the fix
         */
        public BrokerSettings build() {
            check("the connection settings");
            AmqpUri u = uri == null ? null : parseUri();
            boolean secure = u != null && u.tls() || Boolean.TRUE.equals(tls);
            int defaultPort = port != null ? port : secure ? AMQPS_PORT : AMQP_PORT;
            List<Endpoint> endpoints;
            if (addresses != null) {
                endpoints = Endpoint.parseList(addresses, defaultPort);
            } else {
                String h = u != null ? u.host() : host != null ? host : "localhost";
                endpoints = List.of(new Endpoint(h, u != null && u.port() != null ? u.port() : defaultPort));
            }
            SaslMechanism sasl = u != null && u.saslMechanism() != null ? u.saslMechanism()
                    : saslMechanism != null ? SaslMechanism.parse("property saslMechanism", saslMechanism)
                    : SaslMechanism.PLAIN;
            TlsSettings t = !secure ? null : new TlsSettings(trustStore, trustStorePassword,
                    trustStoreType == null ? TlsSettings.DEFAULT_STORE_TYPE : trustStoreType.trim(), keyStore,
                    keyStorePassword, keyStoreType == null ? TlsSettings.DEFAULT_STORE_TYPE : keyStoreType.trim(),
                    protocols(), hostnameVerification == null || hostnameVerification);
            return new BrokerSettings(endpoints, addressShuffle == null || addressShuffle,
                    first(u == null ? null : u.virtualHost(), virtualHost, "/"),
                    first(u == null ? null : u.username(), username, "guest"),
                    first(u == null ? null : u.password(), password, "guest"),
                    t, sasl,
                    first(u == null ? null : u.heartbeat(), requestedHeartbeat, 60),
                    first(u == null ? null : u.connectionTimeout(), connectionTimeout, 60_000),
                    first(u == null ? null : u.channelMax(), null, 2047),
                    networkRecoveryInterval == null ? 5000L : networkRecoveryInterval,
                    connectionName);
        }

        private AmqpUri parseUri() {
            try {
                return AmqpUri.parse(uri);
            } catch (WarrenException e) {
                // the uri itself is never shown: it may hold the password
                String shown = AmqpUri.redact(uri);
                throw new WarrenException((shown.startsWith("(") ? "Invalid property uri (not shown: it does not parse"
                        + " and may hold a password): " : "Invalid property uri='" + shown + "': ")
                        + e.getMessage().replaceFirst("^the uri was refused: ", ""));
            }
        }

        private static <T> T first(T a, T b, T fallback) {
            return a != null ? a : b != null ? b : fallback;
        }

        private List<String> protocols() {
            if (tlsProtocols == null) {
                return TlsSettings.DEFAULT_PROTOCOLS;
            }
            List<String> list = new ArrayList<>();
            for (String p : tlsProtocols.split(",")) {
                String name = p.trim();
                if (!name.matches("TLSv1\\.[0-3]")) {
                    throw new WarrenException("Invalid property tlsProtocols='" + tlsProtocols + "': '" + name
                            + "' is not a TLS protocol version. Fix: list versions separated by commas, e.g."
                            + " TLSv1.3,TLSv1.2 (the default).");
                }
                list.add(name);
            }
            return list;
        }

        private static void storeType(String property, String type) {
            if (type == null) {
                return;
            }
            try {
                KeyStore.getInstance(type.trim().toUpperCase(Locale.ROOT));
            } catch (KeyStoreException e) {
                throw new WarrenException("Invalid property " + property + "='" + type + "': this JVM has no such"
                        + " key store type. Fix: use PKCS12 (the default) or JKS.", e);
            }
        }

        private static void checkPort(String name, Integer v) {
            if (v != null && (v <= 0 || v > 65535)) {
                throw new WarrenException("Invalid property " + name + "=" + v
                        + ". Fix: use a TCP port between 1 and 65535 (RabbitMQ: 5672, TLS 5671).");
            }
        }

        private static void checkNotNegative(String name, Integer v) {
            if (v != null && v < 0) {
                throw new WarrenException("Invalid property " + name + "=" + v
                        + ". Fix: use 0 (disabled/none) or a positive number.");
            }
        }
    }
}
