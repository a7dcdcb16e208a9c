package dev.warren;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a consumer of a stream queue starts reading: the {@code x-stream-offset} consume argument. One of
 * {@link #FIRST} (the oldest message the stream still holds), {@link #LAST} (the last chunk written),
 * {@link #NEXT} (only messages written after the consumer subscribes; the broker's default), a numeric offset, or a
 * point in time (the first chunk written at or after it; AMQP timestamps have whole seconds).
 *
 * <p>Immutable and thread-safe.
 */
public final class StreamOffset {
    /** the first message the stream still holds */
    public static final StreamOffset FIRST = new StreamOffset("first", "first");
    /** the last chunk written */
    public static final StreamOffset LAST = new StreamOffset("last", "last");
    /** messages written after the consumer subscribes (what the broker does without the argument) */
    public static final StreamOffset NEXT = new StreamOffset("next", "next");

    private final Object value;
    private final String text;

    private StreamOffset(Object value, String text) {
        this.value = value;
        this.text = text;
    }

    /**
     * @param offset a message offset, 0 or more (0 is the first message ever written)
     * @return the offset
     * @throws WarrenException when the offset is negative
     */
    public static StreamOffset offset(long offset) {
        if (offset < 0) {
            throw new WarrenException("Invalid stream offset " + offset + ": offsets start at 0. Fix: use 0 or more,"
                    + " or first.");
        }
        return new StreamOffset(offset, Long.toString(offset));
    }

    /**
     * @param time the point in time to read from (truncated to whole seconds, as AMQP timestamps are)
     * @return the offset
     */
    public static StreamOffset timestamp(Instant time) {
        Instant seconds = Instant.ofEpochSecond(Objects.requireNonNull(time, "time").getEpochSecond());
        return new StreamOffset(Date.from(seconds), seconds.toString());
    }

    /**
     * Parses configuration text.
     *
     * @param text {@code first}, {@code last}, {@code next} (case-insensitive), a non-negative offset such as
     *        {@code 1000}, or an ISO-8601 timestamp with a zone or offset such as {@code 2026-12-01T10:00:00Z}
     * @return the offset
     * @throws WarrenException naming the value and the accepted forms
     */
    public static StreamOffset parse(String text) {
        String t = text == null ? "" : text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "first":
                return FIRST;
            case "last":
                return LAST;
            case "next":
                return NEXT;
            default:
                break;
        }
        if (t.matches("[0-9]{1,19}")) {
            try {
                return offset(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw invalid(text, e);
            }
        }
        if (t.matches("[0-9]{4}-.*")) {
            try {
                return timestamp(OffsetDateTime.parse(t).toInstant());
            } catch (DateTimeParseException e) {
                throw invalid(text, e);
            }
        }
        throw invalid(text, null);
    }

    private static WarrenException invalid(String text, Exception cause) {
        return new WarrenException("Invalid stream offset '" + text + "'. Fix: use first, last, next, an offset of 0"
                + " or more such as 1000, or an ISO-8601 timestamp with its zone such as 2026-12-01T10:00:00Z.", cause);
    }

    /** @return the {@code x-stream-offset} value: a String, a Long or a {@link Date} (an AMQP timestamp) */
    public Object argumentValue() {
        return value instanceof Date ? new Date(((Date) value).getTime()) : value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamOffset && ((StreamOffset) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** @return first, last, next, the offset's digits or the timestamp in ISO-8601 */
    @Override
    public String toString() {
        return text;
    }
}
