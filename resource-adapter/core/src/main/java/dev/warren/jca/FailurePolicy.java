package dev.warren.jca;

import java.util.Locale;

/** What an activation does with a message whose delivery failed (the bean threw or could not decode it). */
public enum FailurePolicy {
    /** reject with requeue: the broker delivers it again (to this or another consumer) */
    REQUEUE,
    /** reject without requeue: the broker drops it, or dead-letters it if the queue has x-dead-letter-exchange */
    REJECT,
    /**
     * retry up to maxRedeliveries times (republished to the queue with an attempt count), then publish to the
     * dead-letter exchange with headers saying why, and acknowledge the original
     */
    DEAD_LETTER;

    /**
     * @param value requeue, reject or dead-letter (case-insensitive)
     * @return the policy, or null when unknown
     */
    static FailurePolicy parse(String value) {
        if (value == null) {
            return null;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "requeue":
                return REQUEUE;
            case "reject":
                return REJECT;
            case "dead-letter":
            case "deadletter":
            case "dead_letter":
                return DEAD_LETTER;
            default:
                return null;
        }
    }
}
