package dev.warren.serialization;

import java.nio.charset.StandardCharsets;

/**
 * Plain text: {@code text/plain}, {@code utf-8}. Encodes a value's {@code toString()} as UTF-8; decodes
 * strictly (malformed UTF-8 is an error, not replacement characters). Thread-safe.
 */
public final class TextSerializer implements Serializer {

    @Override
    public String name() {
        return "text";
    }

    @Override
    public String contentType() {
        return ContentTypes.TEXT_PLAIN;
    }

    @Override
    public String contentEncoding() {
        return ContentTypes.UTF_8;
    }

    @Override
    public boolean trusted() {
        return true;
    }

    @Override
    public byte[] encode(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object decode(byte[] body) throws Exception {
        return Charsets.decodeStrict(body, ContentTypes.UTF_8);
    }
}
