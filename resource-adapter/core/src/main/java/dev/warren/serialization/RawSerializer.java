package dev.warren.serialization;

import java.nio.charset.StandardCharsets;

/**
 * kombu's {@code raw}: {@code application/data}, {@code binary}. Encodes {@code byte[]} as is and a
 * {@code String} as UTF-8; decodes to the bytes unchanged. Anything else is an error. Thread-safe.
 */
public final class RawSerializer implements Serializer {

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public String contentType() {
        return ContentTypes.APPLICATION_DATA;
    }

    @Override
    public String contentEncoding() {
        return ContentTypes.BINARY;
    }

    @Override
    public boolean trusted() {
        return true;
    }

    @Override
    public byte[] encode(Object value) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof String) {
            return ((String) value).getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("the raw serializer takes byte[] or String, not "
                + (value == null ? "null" : value.getClass().getName())
                + "; choose a serializer such as json for structured values");
    }

    @Override
    public Object decode(byte[] body) {
        return body;
    }
}
