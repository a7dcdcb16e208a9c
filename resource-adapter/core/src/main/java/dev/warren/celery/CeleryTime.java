package dev.warren.celery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The ISO-8601 form of Celery's {@code eta} and {@code expires} headers: what Python's {@code datetime.isoformat()}
 * writes for an aware UTC time ({@code 2026-12-02T03:00:00.123456+00:00}). Thread-safe.
 */
final class CeleryTime {
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private CeleryTime() {
    }

    /** @param t an instant @return its Celery header form, UTC with microseconds */
    static String format(Instant t) {
        return WRITE.format(t.atOffset(ZoneOffset.UTC));
    }

    /**
     * @param value an ISO-8601 date-time; a value without offset is read as UTC (Celery's {@code enable_utc})
     * @param header the header's name, for the error
     * @return the instant
     * @throws CeleryException naming the header and the value
     */
    static Instant parse(String value, String header) {
        String v = value.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return java.time.LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new CeleryException("Celery header '" + header + "' holds '" + value + "', which is not an"
                        + " ISO-8601 date-time. Fix: send e.g. 2026-12-02T03:00:00+00:00 (datetime.isoformat()).", e);
            }
        }
    }
}
