package dev.warren.it.tracing;

import dev.warren.Message;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;

/** Records the trace it runs in; a body starting with "fail" makes it throw (the message is then rejected). */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "warren"),
        @ActivationConfigProperty(propertyName = "uri", propertyValue = "amqp://guest:guest@127.0.0.1:5672/%2F"),
        @ActivationConfigProperty(propertyName = "connectionName", propertyValue = "warren-it-tracing"),
        @ActivationConfigProperty(propertyName = "durable", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "autoDelete", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "failurePolicy", propertyValue = "reject"),
        @ActivationConfigProperty(propertyName = "queue", propertyValue = TracingIT.QUEUE)})
public class TraceMdb implements dev.warren.jca.WarrenListener {
    @EJB
    TraceProbe probe;

    @Override
    public void onMessage(Message message) {
        String key = String.valueOf(message.payload());
        Object traceparent = message.headers().get("traceparent");
        probe.record(key, traceparent == null ? null : traceparent.toString());
        if (key.startsWith("fail")) {
            throw new IllegalStateException("the bean failed on " + key);
        }
    }
}
