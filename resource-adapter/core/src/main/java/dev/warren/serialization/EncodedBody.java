package dev.warren.serialization;

/**
 * A serialized (and possibly compressed) message body with the properties that describe it.
 *
 * @param body the bytes to publish
 * @param contentType the {@code content_type} property
 * @param contentEncoding the {@code content_encoding} property
 * @param compression the {@code compression} header value, or null when not compressed
 */
public record EncodedBody(byte[] body, String contentType, String contentEncoding, String compression) {
}
