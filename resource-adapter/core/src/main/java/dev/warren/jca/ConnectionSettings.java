package dev.warren.jca;

import dev.warren.amqp.BrokerSettings;
import dev.warren.WarrenException;

import java.io.Serializable;
import java.util.Objects;

/**
 * The broker connection settings shared by the resource adapter (defaults), the managed connection
 * factory and the activation spec (overrides). A field left null is "not set": {@link #overriddenBy}
 * lets a more specific level replace only what it sets.
 *
 * <p>How a client connection is configured from them: host, port, virtual host, username and password
 * first; then {@code uri} (amqp or amqps), which wins for the parts it contains; {@code addresses}
 * ("h1:5672,h2:5672"), when set, is the list of nodes tried in order instead of host:port.
 *
 * <p>The password never appears in {@link #toString()} or in any log message. Not thread-safe while
 * being configured (JavaBean setters, called by the application server before use); treat as read-only
 * afterwards.
 */
public final class ConnectionSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private String uri;
    private String host;
    private Integer port;
    private String virtualHost;
    private String username;
    private String password;
    private String addresses;
    private Integer requestedHeartbeat;
    private Integer connectionTimeout;
    private String connectionName;
    private Long networkRecoveryInterval;

    /** @return settings with nothing set */
    public static ConnectionSettings empty() {
        return new ConnectionSettings();
    }

    /**
     * @param o the more specific settings
     * @return a copy of this with every field {@code o} sets replaced
     */
    public ConnectionSettings overriddenBy(ConnectionSettings o) {
        ConnectionSettings r = copy();
        if (o == null) {
            return r;
        }
        r.uri = o.uri != null ? o.uri : uri;
        r.host = o.host != null ? o.host : host;
        r.port = o.port != null ? o.port : port;
        r.virtualHost = o.virtualHost != null ? o.virtualHost : virtualHost;
        r.username = o.username != null ? o.username : username;
        r.password = o.password != null ? o.password : password;
        r.addresses = o.addresses != null ? o.addresses : addresses;
        r.requestedHeartbeat = o.requestedHeartbeat != null ? o.requestedHeartbeat : requestedHeartbeat;
        r.connectionTimeout = o.connectionTimeout != null ? o.connectionTimeout : connectionTimeout;
        r.connectionName = o.connectionName != null ? o.connectionName : connectionName;
        r.networkRecoveryInterval = o.networkRecoveryInterval != null ? o.networkRecoveryInterval
                : networkRecoveryInterval;
        return r;
    }

    /** @return an independent copy */
    public ConnectionSettings copy() {
        ConnectionSettings r = new ConnectionSettings();
        r.uri = uri;
        r.host = host;
        r.port = port;
        r.virtualHost = virtualHost;
        r.username = username;
        r.password = password;
        r.addresses = addresses;
        r.requestedHeartbeat = requestedHeartbeat;
        r.connectionTimeout = connectionTimeout;
        r.connectionName = connectionName;
        r.networkRecoveryInterval = networkRecoveryInterval;
        return r;
    }

    /**
     * Checks the values without contacting the broker.
     *
     * @param owner what holds these settings, for the message (e.g. "activation spec of FeedImporter")
     * @throws WarrenException naming the property, the value and the fix
     */
    public void validate(String owner) {
        if (uri != null && !(uri.startsWith("amqp://") || uri.startsWith("amqps://"))) {
            throw new WarrenException("Invalid property uri='" + redactedUri() + "' in " + owner
                    + ". Fix: use amqp://user:password@host:5672/vhost or amqps://…");
        }
        checkPositive(owner, "port", port);
        checkNotNegative(owner, "requestedHeartbeat", requestedHeartbeat);
        checkNotNegative(owner, "connectionTimeout", connectionTimeout);
        if (networkRecoveryInterval != null && networkRecoveryInterval <= 0) {
            throw new WarrenException("Invalid property networkRecoveryInterval=" + networkRecoveryInterval + " in "
                    + owner + ". Fix: give the milliseconds between reconnection attempts, e.g. 5000.");
        }
        if (addresses != null) {
            try {
                toBrokerSettings().checkAddresses();
            } catch (RuntimeException e) {
                throw new WarrenException("Invalid property addresses='" + addresses + "' in " + owner
                        + ". Fix: list host:port pairs separated by commas, e.g. rabbit1:5672,rabbit2:5672.", e);
            }
        }
    }

    private static void checkPositive(String owner, String name, Integer v) {
        if (v != null && (v <= 0 || v > 65535)) {
            throw new WarrenException("Invalid property " + name + "=" + v + " in " + owner
                    + ". Fix: use a TCP port between 1 and 65535 (RabbitMQ: 5672, TLS 5671).");
        }
    }

    private static void checkNotNegative(String owner, String name, Integer v) {
        if (v != null && v < 0) {
            throw new WarrenException("Invalid property " + name + "=" + v + " in " + owner
                    + ". Fix: use 0 (disabled/none) or a positive number.");
        }
    }

    /**
     * @return the effective settings of a broker connection (what the connection registry keys on)
     * @throws WarrenException when they are invalid
     */
    public BrokerSettings toBrokerSettings() {
        return new BrokerSettings(uri, host, port, virtualHost, username, password, addresses, requestedHeartbeat,
                connectionTimeout, connectionName, networkRecoveryInterval);
    }

    /** @return the uri with any password replaced by ***, or null */
    public String redactedUri() {
        return uri == null ? null : uri.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // JavaBean properties (setters accept blank as "not set")

    public String getUri() { return uri; }
    public void setUri(String v) { uri = blankToNull(v); }
    public String getHost() { return host; }
    public void setHost(String v) { host = blankToNull(v); }
    public Integer getPort() { return port; }
    public void setPort(Integer v) { port = v; }
    public String getVirtualHost() { return virtualHost; }
    public void setVirtualHost(String v) { virtualHost = v == null || v.isEmpty() ? null : v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = blankToNull(v); }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = v == null || v.isEmpty() ? null : v; }
    public String getAddresses() { return addresses; }
    public void setAddresses(String v) { addresses = blankToNull(v); }
    public Integer getRequestedHeartbeat() { return requestedHeartbeat; }
    public void setRequestedHeartbeat(Integer v) { requestedHeartbeat = v; }
    public Integer getConnectionTimeout() { return connectionTimeout; }
    public void setConnectionTimeout(Integer v) { connectionTimeout = v; }
    public String getConnectionName() { return connectionName; }
    public void setConnectionName(String v) { connectionName = blankToNull(v); }
    public Long getNetworkRecoveryInterval() { return networkRecoveryInterval; }
    public void setNetworkRecoveryInterval(Long v) { networkRecoveryInterval = v; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConnectionSettings)) {
            return false;
        }
        ConnectionSettings s = (ConnectionSettings) o;
        return Objects.equals(uri, s.uri) && Objects.equals(host, s.host) && Objects.equals(port, s.port)
                && Objects.equals(virtualHost, s.virtualHost) && Objects.equals(username, s.username)
                && Objects.equals(password, s.password) && Objects.equals(addresses, s.addresses)
                && Objects.equals(requestedHeartbeat, s.requestedHeartbeat)
                && Objects.equals(connectionTimeout, s.connectionTimeout)
                && Objects.equals(connectionName, s.connectionName)
                && Objects.equals(networkRecoveryInterval, s.networkRecoveryInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, host, port, virtualHost, username, addresses, connectionName);
    }

    /** @return the settings without the password */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConnectionSettings(");
        if (addresses != null) {
            sb.append("addresses=").append(addresses);
        } else if (uri != null) {
            sb.append("uri=").append(redactedUri());
        } else {
            sb.append(host == null ? "localhost" : host).append(':').append(port == null ? 5672 : port);
        }
        sb.append(", vhost=").append(virtualHost == null ? "/" : virtualHost)
                .append(", user=").append(username == null ? "guest" : username);
        if (connectionName != null) {
            sb.append(", name=").append(connectionName);
        }
        return sb.append(')').toString();
    }
}
