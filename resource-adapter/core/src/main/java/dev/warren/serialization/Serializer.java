package dev.warren.serialization;

/**
 * Turns values into message bodies and back, for one content type — one entry of kombu's serializer
 * registry ({@code register(name, encoder, decoder, content_type, content_encoding)}).
 *
 * <p>{@link #decode(byte[])} returns plain Java values only: {@code Map<String,Object>}, {@code List},
 * {@code String}, {@code Number} ({@code Integer}, {@code Long}, {@code BigInteger}, {@code Double},
 * {@code BigDecimal}), {@code Boolean}, {@code byte[]} and null — never instances of arbitrary classes.
 * Typed decoding ({@code Message.payload(Class)}) converts that tree with Jackson unless the serializer
 * overrides {@link #decode(byte[], Class, com.fasterxml.jackson.databind.ObjectMapper)}.
 *
 * <p>Implementations must be immutable and thread-safe: one instance serves every thread. Custom
 * serializers are registered with {@link SerializerRegistry.Builder#register(Serializer, String...)} or listed in
 * {@code META-INF/services/dev.warren.serialization.Serializer} for {@link java.util.ServiceLoader}.
 */
public interface Serializer {

    /** @return the registry name, e.g. {@code json}; what producers and accept lists name */
    String name();

    /** @return the content type written on the wire, e.g. {@code application/json} */
    String contentType();

    /** @return the content encoding written on the wire: a charset such as {@code utf-8}, or {@code binary} */
    String contentEncoding();

    /**
     * @return true when decoding untrusted input with it is safe (json, text, raw bytes); unsafe
     *         serializers are never in a default accept list
     */
    default boolean trusted() {
        return false;
    }

    /**
     * @param value the value to serialize
     * @return the body bytes
     * @throws Exception any failure; the registry wraps it in an {@link dev.warren.EncodeException}
     *         naming the serializer and the value's type
     */
    byte[] encode(Object value) throws Exception;

    /**
     * @param body the body bytes (already decompressed)
     * @return the decoded plain value
     * @throws Exception any failure; the codec wraps it in a {@link dev.warren.DecodeException} naming the
     *         content type and the message
     */
    Object decode(byte[] body) throws Exception;

    /**
     * Decodes straight into a type. The default decodes to plain values and converts them with
     * {@code mapper}; serializers with a native typed path (json) override it.
     *
     * @param body the body bytes
     * @param type the target type (record, POJO, {@code Map}, {@code String} …)
     * @param mapper the Jackson mapper to convert with
     * @param <T> the target type
     * @return the value
     * @throws Exception any failure, wrapped by the codec
     */
    default <T> T decode(byte[] body, Class<T> type, com.fasterxml.jackson.databind.ObjectMapper mapper)
            throws Exception {
        Object plain = decode(body);
        if (type.isInstance(plain)) {
            return type.cast(plain);
        }
        return mapper.convertValue(plain, type);
    }
}
