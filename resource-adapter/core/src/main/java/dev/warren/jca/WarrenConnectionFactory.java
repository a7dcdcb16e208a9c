package dev.warren.jca;

import jakarta.resource.Referenceable;

import java.io.Serializable;

/**
 * What applications inject: a pooled factory of {@link WarrenConnection} handles.
 * <pre>{@code
 * @Resource(lookup = "java:app/warren/media") WarrenConnectionFactory factory;
 *
 * try (WarrenConnection conn = factory.getConnection()) {
 *     conn.producer(Exchange.direct("media")).publish(Map.of("name", "lolcat.avi"), "video");
 * }
 * }</pre>
 *
 * <p>Each handle is backed by a pooled managed connection: one AMQP channel on a connection the
 * resource adapter shares, so taking many handles never opens more AMQP connections. Inside a JTA
 * transaction the channel's work (publishes, acks) is an AMQP transaction committed or rolled back with
 * it (transaction support LocalTransaction).
 *
 * <p>Thread-safety: the factory is thread-safe; each handle is for one thread at a time.
 */
public interface WarrenConnectionFactory extends Serializable, Referenceable {

    /**
     * Takes a handle from the pool.
     *
     * @return an open handle; close it (try-with-resources) to return the channel to the pool
     * @throws jakarta.resource.ResourceException when no channel can be had (broker down, pool exhausted)
     */
    WarrenConnection getConnection() throws jakarta.resource.ResourceException;

    /**
     * The resource adapter's health and metrics now (no broker round trip): whether it is ready (every broker
     * connection open, every activation consuming), why not, and the counts of every connection factory and activation
     * of the adapter. For a readiness check or a status page; see docs/observability.md.
     *
     * @return an immutable snapshot
     * @throws jakarta.resource.ResourceException when the factory is not associated with a resource adapter
     */
    AdapterStatus status() throws jakarta.resource.ResourceException;
}
