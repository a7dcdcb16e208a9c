package dev.warren.serialization;

import java.nio.charset.StandardCharsets;

/** A custom serializer found through META-INF/services (test scope). */
public final class ReversedTextSerializer implements Serializer {
    @Override
    public String name() {
        return "reversed";
    }

    @Override
    public String contentType() {
        return "application/x-reversed";
    }

    @Override
    public String contentEncoding() {
        return "utf-8";
    }

    @Override
    public byte[] encode(Object value) {
        return new StringBuilder(String.valueOf(value)).reverse().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object decode(byte[] body) {
        return new StringBuilder(new String(body, StandardCharsets.UTF_8)).reverse().toString();
    }
}
