package dev.warren.amqp;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.AddressResolver;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.ListAddressResolver;
import com.rabbitmq.client.SocketConfigurator;
import com.rabbitmq.client.SocketConfigurators;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.util.List;

/**
 * Turns {@link BrokerSettings} into a configured client {@link ConnectionFactory}: automatic and topology recovery
 * on, and for TLS Warren's own SSLContext, protocols and host name verification (never the client's defaults).
 * Stateless.
 */
final class ClientFactories {
    private ClientFactories() {
    }

    /**
     * @param s the settings
     * @return a new client factory
     * @throws dev.warren.WarrenException when the TLS stores cannot be read
     */
    static ConnectionFactory create(BrokerSettings s) {
        ConnectionFactory f = new ConnectionFactory();
        f.setVirtualHost(s.virtualHost());
        f.setUsername(s.username());
        f.setPassword(s.password());
        f.setRequestedHeartbeat(s.requestedHeartbeat());
        f.setConnectionTimeout(s.connectionTimeout());
        f.setRequestedChannelMax(s.channelMax());
        f.setAutomaticRecoveryEnabled(true);
        f.setTopologyRecoveryEnabled(true);
        f.setNetworkRecoveryInterval(s.networkRecoveryInterval());
        f.setSaslConfig(s.saslMechanism() == SaslMechanism.EXTERNAL ? DefaultSaslConfig.EXTERNAL
                : DefaultSaslConfig.PLAIN);
        TlsSettings tls = s.tls();
        if (tls != null) {
            f.useSslProtocol(TlsContexts.build(tls));
            f.setSocketConfigurator(SocketConfigurators.defaultConfigurator().andThen(tlsParameters(tls)));
        }
        return f;
    }

    /** Restricts the protocols and, unless switched off, makes the JDK check the certificate names the host. */
    private static SocketConfigurator tlsParameters(TlsSettings tls) {
        String[] protocols = tls.protocols().toArray(new String[0]);
        return socket -> {
            if (socket instanceof SSLSocket ssl) {
                SSLParameters p = ssl.getSSLParameters();
                p.setProtocols(protocols);
                if (tls.hostnameVerification()) {
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                }
                ssl.setSSLParameters(p);
            }
        };
    }

    /**
     * @param s the settings
     * @return the client's address list, in the order configured
     */
    static List<Address> addresses(BrokerSettings s) {
        return s.endpoints().stream().map(e -> new Address(e.host(), e.port())).toList();
    }

    /**
     * @param s the settings
     * @return the resolver the client connects (and recovers) through: the client's own, which shuffles the nodes
     *         before each attempt, when {@link BrokerSettings#addressShuffle()} is true; else one that tries them
     *         in the order configured
     */
    static AddressResolver addressResolver(BrokerSettings s) {
        List<Address> addresses = addresses(s);
        return s.addressShuffle() ? new ListAddressResolver(addresses) : new OrderedAddressResolver(addresses);
    }
}
