package dev.warren.jca;

import java.io.Serializable;

/**
 * The broker connection config properties (host, credentials, timeouts, TLS, login mechanism), as JavaBean accessors over one {@link ConnectionSettings}:
 * defaults on the resource adapter, overrides on connection factories and activation specs (empty = inherit).
 * Not thread-safe while being configured; the server configures a bean before using it.
 */
public abstract class ConnectionProperties implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ConnectionSettings connection = ConnectionSettings.empty();

    /** @return the settings these properties write */
    ConnectionSettings connectionSettings() {
        return connection;
    }

    /** @return the broker URI (amqp/amqps) */
    public String getUri() { return connection.getUri(); }
    /** @param v the broker URI; wins for the parts it contains */
    public void setUri(String v) { connection.setUri(v); }
    /** @return the broker host */
    public String getHost() { return connection.getHost(); }
    /** @param v the broker host */
    public void setHost(String v) { connection.setHost(v); }
    /** @return the broker port */
    public Integer getPort() { return connection.getPort(); }
    /** @param v the broker port */
    public void setPort(Integer v) { connection.setPort(v); }
    /** @return the virtual host */
    public String getVirtualHost() { return connection.getVirtualHost(); }
    /** @param v the virtual host */
    public void setVirtualHost(String v) { connection.setVirtualHost(v); }
    /** @return the user name */
    public String getUsername() { return connection.getUsername(); }
    /** @param v the user name */
    public void setUsername(String v) { connection.setUsername(v); }
    /** @return the password (never logged) */
    public String getPassword() { return connection.getPassword(); }
    /** @param v the password */
    public void setPassword(String v) { connection.setPassword(v); }
    /** @return the cluster node list */
    public String getAddresses() { return connection.getAddresses(); }
    /** @param v the cluster node list, e.g. rabbit1:5672,rabbit2:5672 */
    public void setAddresses(String v) { connection.setAddresses(v); }
    /** @return whether the node list is shuffled before each connection attempt */
    public Boolean getAddressShuffle() { return connection.getAddressShuffle(); }
    /**
     * @param v true (default): the client shuffles {@code addresses} before each connection attempt, spreading
     *          connections over the cluster; false: tried in the order given (active/passive)
     */
    public void setAddressShuffle(Boolean v) { connection.setAddressShuffle(v); }
    /** @return the requested heartbeat in seconds */
    public Integer getRequestedHeartbeat() { return connection.getRequestedHeartbeat(); }
    /** @param v the requested heartbeat in seconds (0 = none) */
    public void setRequestedHeartbeat(Integer v) { connection.setRequestedHeartbeat(v); }
    /** @return the TCP connection timeout in milliseconds */
    public Integer getConnectionTimeout() { return connection.getConnectionTimeout(); }
    /** @param v the TCP connection timeout in milliseconds */
    public void setConnectionTimeout(Integer v) { connection.setConnectionTimeout(v); }
    /** @return the client-provided connection name */
    public String getConnectionName() { return connection.getConnectionName(); }
    /** @param v the client-provided connection name */
    public void setConnectionName(String v) { connection.setConnectionName(v); }
    /** @return milliseconds between automatic reconnection attempts */
    public Long getNetworkRecoveryInterval() { return connection.getNetworkRecoveryInterval(); }
    /** @param v milliseconds between automatic reconnection attempts */
    public void setNetworkRecoveryInterval(Long v) { connection.setNetworkRecoveryInterval(v); }
    /** @return whether TLS is on (an amqps uri turns it on too) */
    public Boolean getTls() { return connection.getTls(); }
    /** @param v true for TLS (default port 5671) */
    public void setTls(Boolean v) { connection.setTls(v); }
    /** @return the path of the trust store (CA certificates the broker's certificate must chain to) */
    public String getTrustStore() { return connection.getTrustStore(); }
    /** @param v the trust store path; not set = the JVM's default CAs */
    public void setTrustStore(String v) { connection.setTrustStore(v); }
    /** @return the trust store password (never logged) */
    public String getTrustStorePassword() { return connection.getTrustStorePassword(); }
    /** @param v the trust store password */
    public void setTrustStorePassword(String v) { connection.setTrustStorePassword(v); }
    /** @return the trust store type */
    public String getTrustStoreType() { return connection.getTrustStoreType(); }
    /** @param v PKCS12 (default) or JKS */
    public void setTrustStoreType(String v) { connection.setTrustStoreType(v); }
    /** @return the path of the key store holding the client certificate (mutual TLS) */
    public String getKeyStore() { return connection.getKeyStore(); }
    /** @param v the key store path */
    public void setKeyStore(String v) { connection.setKeyStore(v); }
    /** @return the key store password (never logged) */
    public String getKeyStorePassword() { return connection.getKeyStorePassword(); }
    /** @param v the key store password (also the key's) */
    public void setKeyStorePassword(String v) { connection.setKeyStorePassword(v); }
    /** @return the key store type */
    public String getKeyStoreType() { return connection.getKeyStoreType(); }
    /** @param v PKCS12 (default) or JKS */
    public void setKeyStoreType(String v) { connection.setKeyStoreType(v); }
    /** @return the TLS protocol versions offered */
    public String getTlsProtocols() { return connection.getTlsProtocols(); }
    /** @param v comma-separated, default TLSv1.3,TLSv1.2 */
    public void setTlsProtocols(String v) { connection.setTlsProtocols(v); }
    /** @return whether the broker's certificate must name the host connected to */
    public Boolean getHostnameVerification() { return connection.getHostnameVerification(); }
    /** @param v default true */
    public void setHostnameVerification(Boolean v) { connection.setHostnameVerification(v); }
    /** @return the login mechanism */
    public String getSaslMechanism() { return connection.getSaslMechanism(); }
    /** @param v PLAIN (default, user name and password) or EXTERNAL (TLS client certificate) */
    public void setSaslMechanism(String v) { connection.setSaslMechanism(v); }
}
