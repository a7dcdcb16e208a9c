package dev.warren.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * kombu's default serializer: {@code application/json}, {@code utf-8}, with Jackson. Objects, records and
 * maps become JSON objects; decoding yields maps, lists, strings, numbers, booleans and null.
 * Thread-safe.
 */
public final class JsonSerializer implements Serializer {
    private final ObjectMapper mapper;

    /** Uses {@link Json#newMapper()}. */
    public JsonSerializer() {
        this(Json.newMapper());
    }

    /** @param mapper the mapper to use; must not be reconfigured afterwards */
    public JsonSerializer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String contentType() {
        return ContentTypes.APPLICATION_JSON;
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
    public byte[] encode(Object value) throws Exception {
        return mapper.writeValueAsBytes(value);
    }

    @Override
    public Object decode(byte[] body) throws Exception {
        return mapper.readValue(body, Object.class);
    }

    @Override
    public <T> T decode(byte[] body, Class<T> type, ObjectMapper ignored) throws Exception {
        return mapper.readValue(body, type);
    }
}
