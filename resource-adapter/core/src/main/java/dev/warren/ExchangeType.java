package dev.warren;

import java.util.Locale;

/** The four AMQP 0-9-1 exchange types RabbitMQ ships with. */
public enum ExchangeType {
    /** Routes to queues whose binding key equals the routing key. */
    DIRECT,
    /** Routes to every bound queue, ignoring the routing key. */
    FANOUT,
    /** Routes by dotted-word patterns: {@code *} matches one word, {@code #} zero or more. */
    TOPIC,
    /** Routes by header matching ({@code x-match} all / any). */
    HEADERS;

    /** @return the name the broker uses, e.g. {@code "direct"} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configured exchange type.
     *
     * @param value direct, fanout, topic or headers (case-insensitive)
     * @return the type
     * @throws WarrenException naming the value and the accepted values when it is none of them
     */
    public static ExchangeType parse(String value) {
        if (value != null) {
            for (ExchangeType t : values()) {
                if (t.wireName().equalsIgnoreCase(value.trim())) {
                    return t;
                }
            }
        }
        throw new WarrenException("Unknown exchange type '" + value
                + "'. Fix: use one of direct, fanout, topic, headers.");
    }
}
