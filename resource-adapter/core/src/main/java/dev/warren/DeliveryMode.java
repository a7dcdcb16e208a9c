package dev.warren;

import java.util.Locale;

/** AMQP delivery mode: whether the broker writes a message to disk on a durable queue. */
public enum DeliveryMode {
    /** delivery_mode 1: kept in memory only. */
    TRANSIENT(1),
    /** delivery_mode 2: written to disk on durable queues; kombu's default. */
    PERSISTENT(2);

    private final int code;

    DeliveryMode(int code) {
        this.code = code;
    }

    /** @return the wire value, 1 or 2 */
    public int code() {
        return code;
    }

    /**
     * @param value transient, persistent, 1 or 2 (case-insensitive)
     * @return the mode
     * @throws WarrenException naming the value when it is none of those
     */
    public static DeliveryMode parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "1": case "transient": return TRANSIENT;
            case "2": case "persistent": return PERSISTENT;
            default: throw new WarrenException("Unknown delivery mode '" + value
                    + "'. Fix: use persistent (2) or transient (1).");
        }
    }

    /**
     * @param code the wire value
     * @return the mode, or null when {@code code} is null
     */
    public static DeliveryMode fromCode(Integer code) {
        if (code == null) {
            return null;
        }
        return code == 1 ? TRANSIENT : PERSISTENT;
    }
}
