package dev.warren;

import java.util.Locale;

/** RabbitMQ queue types, set with the {@code x-queue-type} argument. */
public enum QueueType {
    /** the classic queue (the broker's default) */
    CLASSIC,
    /** a replicated Raft queue; counts deliveries in {@code x-delivery-count}; durable only */
    QUORUM,
    /** an append-only log; durable only, consumed with a prefetch and offsets */
    STREAM;

    /** @return the value of {@code x-queue-type} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value classic, quorum or stream (case-insensitive)
     * @return the type
     * @throws WarrenException naming the value when it is none of those
     */
    public static QueueType parse(String value) {
        if (value != null) {
            for (QueueType t : values()) {
                if (t.wireName().equalsIgnoreCase(value.trim())) {
                    return t;
                }
            }
        }
        throw new WarrenException("Unknown queue type '" + value + "'. Fix: use classic, quorum or stream.");
    }
}
