/**
 * Internal, not API: what the broker layer ({@code dev.warren.amqp}) and the JCA glue ({@code dev.warren.jca}) need
 * from the API package beyond its public surface — creating received {@link dev.warren.Message}s. Nothing else may
 * depend on this package (checked by {@code ArchitectureTest}); it is left out of the published Javadoc and changes
 * without notice.
 */
package dev.warren.internal;
