package dev.warren.jca;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;

/**
 * Test support: a message endpoint factory without a container. Deliveries are not transacted; subclasses make the
 * endpoints ({@link #createEndpoint(XAResource)}), and the timeout variant makes them the same way.
 */
abstract class TestEndpointFactory implements MessageEndpointFactory {
    private final String activationName;
    private final Class<?> endpointClass;

    /**
     * @param activationName the activation's name in log lines
     * @param endpointClass the bean class the adapter names in log lines, or null to use the activation name
     */
    TestEndpointFactory(String activationName, Class<?> endpointClass) {
        this.activationName = activationName;
        this.endpointClass = endpointClass;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xa, long timeout) throws UnavailableException {
        return createEndpoint(xa);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return activationName;
    }

    @Override
    public Class<?> getEndpointClass() {
        return endpointClass;
    }

    /**
     * Test support: a bean's endpoint with nothing to do around a delivery; subclasses implement
     * {@code onMessage} and may count {@link #release()}.
     */
    abstract static class Endpoint implements MessageEndpoint, WarrenListener {
        @Override
        public void beforeDelivery(Method method) {
        }

        @Override
        public void afterDelivery() {
        }

        @Override
        public void release() {
        }
    }
}
