package dev.warren.it.tls;

import dev.warren.Exchange;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

/**
 * Publishes through a pooled handle of the TLS connection factory, defined in the test's generated WEB-INF/web.xml
 * (its port and trust store are chosen per run).
 */
@Stateless
public class TlsPublisher {
    @Resource(lookup = "java:app/warren/tls-cf")
    WarrenConnectionFactory factory;

    public void publish(String queue, String body) throws Exception {
        try (WarrenConnection c = factory.getConnection()) {
            c.producer(Exchange.DEFAULT).publish(body, queue);
        }
    }
}
