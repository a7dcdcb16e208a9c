package dev.warren.benchc;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.Stateless;

/**
 * The "raw consumer handing each message to the container" contender's bean: a stateless EJB with the default
 * REQUIRED transaction attribute - what an MDB's onMessage gets (a container invocation and a transaction per
 * message) - called by a raw amqp-client consumer per delivery; it decodes the json body as the benchmark MDBs
 * do. The raw consumer acks after it returns, as the adapter acks after onMessage returns.
 */
@Stateless
public class RawDeliveryBean {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** @param body one delivery's json body */
    public void onMessage(byte[] body) throws Exception {
        BenchListener.sink = MAPPER.readValue(body, Object.class);
    }
}
