package dev.warren.jca;

import dev.warren.WarrenException;
import dev.warren.amqp.BrokerSettings;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The broker connection properties as configured on one level: the resource adapter (defaults), a managed
 * connection factory or an activation spec (overrides). A field left null is "not set": {@link #overriddenBy}
 * lets a more specific level replace only what it sets, and {@link #toBrokerSettings()} resolves the result into
 * the value a broker connection is keyed on.
 *
 * <p>How they combine: host, port, virtual host, username and password first; then {@code uri} (amqp or amqps),
 * which wins for the parts it names (the port only when it names one); {@code addresses}, when set, lists the nodes
 * instead of host:port, shuffled before each connection attempt unless {@code addressShuffle=false}. TLS is on with
 * an amqps uri or {@code tls=true}.
 *
 * <p>Passwords (the password, the store passwords, a password inside the uri) never appear in {@link #toString()}
 * or in any message. Not thread-safe while being configured (JavaBean setters, called by the application server
 * before use); treat as read-only afterwards.
 */
public final class ConnectionSettings implements Serializable {
    private static final long serialVersionUID = 3L;

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
    private String connectionName;
    private Long networkRecoveryInterval;
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

    /** @return settings with nothing set */
    public static ConnectionSettings empty() {
        return new ConnectionSettings();
    }

    /**
     * @param specific the more specific settings, or null
     * @return a copy of this with every field {@code o} sets replaced
     */
    public ConnectionSettings overriddenBy(ConnectionSettings specific) {
        ConnectionSettings o = specific == null ? empty() : specific;
        ConnectionSettings r = new ConnectionSettings();
        r.uri = pick(o.uri, uri);
        r.host = pick(o.host, host);
        r.port = pick(o.port, port);
        r.virtualHost = pick(o.virtualHost, virtualHost);
        r.username = pick(o.username, username);
        r.password = pick(o.password, password);
        r.addresses = pick(o.addresses, addresses);
        r.addressShuffle = pick(o.addressShuffle, addressShuffle);
        r.requestedHeartbeat = pick(o.requestedHeartbeat, requestedHeartbeat);
        r.connectionTimeout = pick(o.connectionTimeout, connectionTimeout);
        r.connectionName = pick(o.connectionName, connectionName);
        r.networkRecoveryInterval = pick(o.networkRecoveryInterval, networkRecoveryInterval);
        r.tls = pick(o.tls, tls);
        r.trustStore = pick(o.trustStore, trustStore);
        r.trustStorePassword = pick(o.trustStorePassword, trustStorePassword);
        r.trustStoreType = pick(o.trustStoreType, trustStoreType);
        r.keyStore = pick(o.keyStore, keyStore);
        r.keyStorePassword = pick(o.keyStorePassword, keyStorePassword);
        r.keyStoreType = pick(o.keyStoreType, keyStoreType);
        r.tlsProtocols = pick(o.tlsProtocols, tlsProtocols);
        r.hostnameVerification = pick(o.hostnameVerification, hostnameVerification);
        r.saslMechanism = pick(o.saslMechanism, saslMechanism);
        return r;
    }

    private static <T> T pick(T specific, T general) {
        return specific != null ? specific : general;
    }

    /** @return an independent copy */
    public ConnectionSettings copy() {
        return empty().overriddenBy(this);
    }

    private BrokerSettings.Builder builder() {
        return BrokerSettings.builder().uri(uri).host(host).port(port).virtualHost(virtualHost).username(username)
                .password(password).addresses(addresses).addressShuffle(addressShuffle)
                .requestedHeartbeat(requestedHeartbeat)
                .connectionTimeout(connectionTimeout).connectionName(connectionName)
                .networkRecoveryInterval(networkRecoveryInterval).tls(tls).trustStore(trustStore)
                .trustStorePassword(trustStorePassword).trustStoreType(trustStoreType).keyStore(keyStore)
                .keyStorePassword(keyStorePassword).keyStoreType(keyStoreType).tlsProtocols(tlsProtocols)
                .hostnameVerification(hostnameVerification).saslMechanism(saslMechanism);
    }

    /**
     * Checks each value without contacting the broker: the uri parses fully (a uri whose host or user info did
     * not parse is refused), ports and numbers are in range, the node list, TLS protocols, store types and login
     * mechanism are known.
     *
     * @param owner what holds these settings, for the message (e.g. "activation spec of FeedImporter")
     * @throws WarrenException naming the property, the value (never a password) and the fix
     */
    public void validate(String owner) {
        builder().check(owner);
    }

    /**
     * @return the effective settings of a broker connection (what the connection registry keys on)
     * @throws WarrenException when they are invalid
     */
    public BrokerSettings toBrokerSettings() {
        return builder().build();
    }

    /** @return the uri with any password replaced by *** (found by parsing), or null */
    public String redactedUri() {
        return BrokerSettings.redactedUri(uri);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // JavaBean properties (setters accept blank as "not set")

    public String getUri() { return uri; }
    public void setUri(String v) { uri = blankToNull(v); }
    public String getHost() { return host; }
    public void setHost(String v) { host = blankToNull(v); }
    public Integer getPort() { return port; }
    public void setPort(Integer v) { port = v; }
    public String getVirtualHost() { return virtualHost; }
    public void setVirtualHost(String v) { virtualHost = emptyToNull(v); }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = blankToNull(v); }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = emptyToNull(v); }
    public String getAddresses() { return addresses; }
    public void setAddresses(String v) { addresses = blankToNull(v); }
    public Boolean getAddressShuffle() { return addressShuffle; }
    public void setAddressShuffle(Boolean v) { addressShuffle = v; }
    public Integer getRequestedHeartbeat() { return requestedHeartbeat; }
    public void setRequestedHeartbeat(Integer v) { requestedHeartbeat = v; }
    public Integer getConnectionTimeout() { return connectionTimeout; }
    public void setConnectionTimeout(Integer v) { connectionTimeout = v; }
    public String getConnectionName() { return connectionName; }
    public void setConnectionName(String v) { connectionName = blankToNull(v); }
    public Long getNetworkRecoveryInterval() { return networkRecoveryInterval; }
    public void setNetworkRecoveryInterval(Long v) { networkRecoveryInterval = v; }
    public Boolean getTls() { return tls; }
    public void setTls(Boolean v) { tls = v; }
    public String getTrustStore() { return trustStore; }
    public void setTrustStore(String v) { trustStore = blankToNull(v); }
    public String getTrustStorePassword() { return trustStorePassword; }
    public void setTrustStorePassword(String v) { trustStorePassword = emptyToNull(v); }
    public String getTrustStoreType() { return trustStoreType; }
    public void setTrustStoreType(String v) { trustStoreType = blankToNull(v); }
    public String getKeyStore() { return keyStore; }
    public void setKeyStore(String v) { keyStore = blankToNull(v); }
    public String getKeyStorePassword() { return keyStorePassword; }
    public void setKeyStorePassword(String v) { keyStorePassword = emptyToNull(v); }
    public String getKeyStoreType() { return keyStoreType; }
    public void setKeyStoreType(String v) { keyStoreType = blankToNull(v); }
    public String getTlsProtocols() { return tlsProtocols; }
    public void setTlsProtocols(String v) { tlsProtocols = blankToNull(v); }
    public Boolean getHostnameVerification() { return hostnameVerification; }
    public void setHostnameVerification(Boolean v) { hostnameVerification = v; }
    public String getSaslMechanism() { return saslMechanism; }
    public void setSaslMechanism(String v) { saslMechanism = blankToNull(v); }

    private Object[] values() {
        return new Object[]{uri, host, port, virtualHost, username, password, addresses, addressShuffle,
                requestedHeartbeat,
                connectionTimeout, connectionName, networkRecoveryInterval, tls, trustStore, trustStorePassword,
                trustStoreType, keyStore, keyStorePassword, keyStoreType, tlsProtocols, hostnameVerification,
                saslMechanism};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSettings && Arrays.equals(values(), ((ConnectionSettings) o).values());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values());
    }

    /** @return the settings that are set, without any password */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConnectionSettings(");
        append(sb, "uri", redactedUri());
        append(sb, "host", host);
        append(sb, "port", port);
        append(sb, "vhost", virtualHost);
        append(sb, "user", username);
        append(sb, "password", password == null ? null : "***");
        append(sb, "addresses", addresses);
        append(sb, "addressShuffle", addressShuffle);
        append(sb, "heartbeat", requestedHeartbeat);
        append(sb, "connectionTimeout", connectionTimeout);
        append(sb, "name", connectionName);
        append(sb, "networkRecoveryInterval", networkRecoveryInterval);
        append(sb, "tls", tls);
        append(sb, "trustStore", trustStore);
        append(sb, "trustStorePassword", trustStorePassword == null ? null : "***");
        append(sb, "trustStoreType", trustStoreType);
        append(sb, "keyStore", keyStore);
        append(sb, "keyStorePassword", keyStorePassword == null ? null : "***");
        append(sb, "keyStoreType", keyStoreType);
        append(sb, "tlsProtocols", tlsProtocols);
        append(sb, "hostnameVerification", hostnameVerification);
        append(sb, "saslMechanism", saslMechanism);
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, String name, Object value) {
        if (value != null) {
            sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ").append(name).append('=').append(value);
        }
    }
}
