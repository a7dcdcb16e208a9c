package dev.warren.amqp;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.WarrenException;

import java.util.Arrays;
import java.util.List;

/**
 * The effective settings of one broker connection. Equal settings share a connection.
 * The password never appears in {@link #toString()}.
 */
public record BrokerSettings(String uri, String host, Integer port, String virtualHost, String username,
                             String password, String addresses, Integer requestedHeartbeat, Integer connectionTimeout,
                             String connectionName, Long networkRecoveryInterval) {

    /**
     * Builds a client connection factory: automatic recovery on (at the recovery interval), topology
     * recovery on.
     *
     * @return the configured client factory
     * @throws WarrenException when the uri cannot be parsed
     */
    public ConnectionFactory toClientFactory() {
        ConnectionFactory f = new ConnectionFactory();
        if (host != null) {
            f.setHost(host);
        }
        if (port != null) {
            f.setPort(port);
        }
        if (virtualHost != null) {
            f.setVirtualHost(virtualHost);
        }
        if (username != null) {
            f.setUsername(username);
        }
        if (password != null) {
            f.setPassword(password);
        }
        if (uri != null) {
            try {
                f.setUri(uri);
            } catch (Exception e) {
                throw new WarrenException("Invalid property uri='" + redactedUri() + "': " + e.getMessage()
                        + ". Fix: use amqp://user:password@host:5672/vhost (vhost '/' is %2F).", e);
            }
        }
        if (requestedHeartbeat != null) {
            f.setRequestedHeartbeat(requestedHeartbeat);
        }
        if (connectionTimeout != null) {
            f.setConnectionTimeout(connectionTimeout);
        }
        f.setAutomaticRecoveryEnabled(true);
        f.setTopologyRecoveryEnabled(true);
        f.setNetworkRecoveryInterval(networkRecoveryInterval != null ? networkRecoveryInterval : 5000L);
        return f;
    }

    /** @return the cluster node list, or null to use host:port */
    List<Address> addressList() {
        return addresses == null ? null : Arrays.asList(Address.parseAddresses(addresses));
    }

    /**
     * @throws RuntimeException when {@code addresses} does not parse
     */
    public void checkAddresses() {
        addressList();
    }

    /** @return the uri with any password replaced by ***, or null */
    public String redactedUri() {
        return uri == null ? null : uri.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
    }

    /** @return the settings without the password */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BrokerSettings(");
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
