/**
 * Internal, not API: the broker layer's channel session ({@link dev.warren.amqp.internal.ChannelSession}), its
 * consumer supervision and acknowledgement batching. Public only so the JCA glue ({@code dev.warren.jca}) can use
 * them; nothing outside {@code dev.warren.amqp} and {@code dev.warren.jca} may depend on this package (checked by
 * {@code ArchitectureTest}), it is left out of the published Javadoc, and it changes without notice. Applications
 * open sessions through {@link dev.warren.amqp.Warren} or the resource adapter's connection factory.
 */
package dev.warren.amqp.internal;
