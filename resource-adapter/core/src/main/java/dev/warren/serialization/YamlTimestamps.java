package dev.warren.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Typed decoding of YAML 1.1 timestamps as PyYAML's {@code safe_dump} writes them
 * ({@code 2024-02-29 13:45:30.123456}, {@code 2024-02-29 13:45:30+05:30}, i.e. a space instead of ISO's
 * {@code T}) into {@code LocalDateTime} and {@code OffsetDateTime} fields; ISO-8601 text works as before.
 */
final class YamlTimestamps {
    private YamlTimestamps() {
    }

    static SimpleModule module() {
        return new SimpleModule("yaml-1.1-timestamps")
                .addDeserializer(LocalDateTime.class, new Lenient<>(LocalDateTime.class, LocalDateTime::parse))
                .addDeserializer(OffsetDateTime.class, new Lenient<>(OffsetDateTime.class, OffsetDateTime::parse));
    }

    /** Parses ISO-8601 after turning YAML's date-time space separator into {@code T}. */
    private static final class Lenient<T> extends StdScalarDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<String, T> parse;

        Lenient(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            String iso = text.trim();
            if (iso.length() > 10 && (iso.charAt(10) == ' ' || iso.charAt(10) == 't')) {
                iso = iso.substring(0, 10) + 'T' + iso.substring(11).trim();
            }
            iso = iso.replaceFirst("\\s+(?=[+-]\\d|Z$)", "");
            try {
                return parse.apply(iso);
            } catch (DateTimeParseException e) {
                return (T) ctxt.handleWeirdStringValue(handledType(), text, "not a YAML/ISO-8601 timestamp: %s",
                        e.getMessage());
            }
        }
    }
}
