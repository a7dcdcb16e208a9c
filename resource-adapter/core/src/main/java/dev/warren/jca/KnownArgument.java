package dev.warren.jca;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The x-arguments RabbitMQ documents for queues, bindings and exchanges, with the AMQP type the broker wants for
 * each: {@link Arguments} gives a configured value that type by the argument's name (so
 * {@code x-dead-letter-routing-key=404} is the string "404", not a number the broker refuses) and refuses a value
 * that cannot have it, before anything reaches the broker.
 *
 * <p>Sources: RabbitMQ's queue, quorum-queue, stream, dead-lettering, TTL, priority, length-limit and
 * single-active-consumer guides, and the management UI's argument list (which tags each as number, string or
 * boolean). Immutable.
 */
enum KnownArgument {
    MESSAGE_TTL("x-message-ttl", Kind.NUMBER, 0, 4_294_967_295L, "60000", "the milliseconds a message may wait in the queue"),
    EXPIRES("x-expires", Kind.NUMBER, 1, 4_294_967_295L, "1800000", "the milliseconds the queue may stay unused before the broker deletes it"),
    MAX_LENGTH("x-max-length", Kind.NUMBER, 0, Long.MAX_VALUE, "10000", "the most ready messages the queue holds"),
    MAX_LENGTH_BYTES("x-max-length-bytes", Kind.NUMBER, 0, Long.MAX_VALUE, "104857600", "the most bytes of ready message bodies the queue holds"),
    MAX_PRIORITY("x-max-priority", Kind.NUMBER, 0, 255, "10", "the highest message priority the queue supports"),
    DELIVERY_LIMIT("x-delivery-limit", Kind.NUMBER, 0, Long.MAX_VALUE, "5", "the redeliveries a quorum queue allows before it drops or dead-letters a message"),
    QUORUM_INITIAL_GROUP_SIZE("x-quorum-initial-group-size", Kind.NUMBER, 1, 1000, "3", "the replicas a new quorum queue starts with"),
    QUORUM_TARGET_GROUP_SIZE("x-quorum-target-group-size", Kind.NUMBER, 1, 1000, "3", "the replicas a quorum queue grows to"),
    INITIAL_CLUSTER_SIZE("x-initial-cluster-size", Kind.NUMBER, 1, 1000, "3", "the replicas a new stream starts with"),
    MAX_IN_MEMORY_LENGTH("x-max-in-memory-length", Kind.NUMBER, 0, Long.MAX_VALUE, "1000", "the messages a quorum queue keeps in memory"),
    MAX_IN_MEMORY_BYTES("x-max-in-memory-bytes", Kind.NUMBER, 0, Long.MAX_VALUE, "10485760", "the bytes a quorum queue keeps in memory"),
    QUEUE_VERSION("x-queue-version", Kind.NUMBER, 1, 2, "2", "the classic queue storage version"),
    STREAM_MAX_SEGMENT_SIZE_BYTES("x-stream-max-segment-size-bytes", Kind.NUMBER, 1, Long.MAX_VALUE, "500000000", "the size of a stream's segment files"),
    STREAM_FILTER_SIZE_BYTES("x-stream-filter-size-bytes", Kind.NUMBER, 16, 255, "16", "the size of a stream chunk's filter"),
    CONSUMER_TIMEOUT("x-consumer-timeout", Kind.NUMBER, 1, Long.MAX_VALUE, "1800000", "the milliseconds a delivery may stay unacknowledged"),
    DEAD_LETTER_EXCHANGE("x-dead-letter-exchange", Kind.STRING, "dlx", "the exchange dead letters are published to ('' = the default exchange)"),
    DEAD_LETTER_ROUTING_KEY("x-dead-letter-routing-key", Kind.STRING, "dead", "the routing key dead letters get"),
    QUEUE_TYPE("x-queue-type", Kind.STRING, "quorum", "the queue type", "classic", "quorum", "stream"),
    OVERFLOW("x-overflow", Kind.STRING, "reject-publish", "what a full queue does", "drop-head", "reject-publish",
            "reject-publish-dlx"),
    QUEUE_MODE("x-queue-mode", Kind.STRING, "lazy", "the classic queue mode", "default", "lazy"),
    DEAD_LETTER_STRATEGY("x-dead-letter-strategy", Kind.STRING, "at-least-once", "the quorum queue dead-lettering guarantee",
            "at-most-once", "at-least-once"),
    QUEUE_LEADER_LOCATOR("x-queue-leader-locator", Kind.STRING, "balanced", "where a replicated queue's leader is placed"),
    QUEUE_MASTER_LOCATOR("x-queue-master-locator", Kind.STRING, "client-local", "where a mirrored classic queue's master is placed"),
    MAX_AGE("x-max-age", Kind.STRING, "7D", "how long a stream keeps messages: a number and a unit Y, M, D, h, m or s"),
    SINGLE_ACTIVE_CONSUMER("x-single-active-consumer", Kind.BOOLEAN, "true", "whether only one consumer receives at a time"),
    MATCH("x-match", Kind.STRING, "all", "how a headers binding matches", "all", "any", "all-with-x", "any-with-x"),
    ALTERNATE_EXCHANGE("alternate-exchange", Kind.STRING, "unrouted", "the exchange unroutable messages go to");

    /** The AMQP field types Warren writes. */
    enum Kind {
        /** a signed 64-bit integer ({@code Long}) */
        NUMBER,
        /** a long string */
        STRING,
        /** a boolean */
        BOOLEAN
    }

    private static final Pattern MAX_AGE_FORMAT = Pattern.compile("[0-9]+(Y|M|D|h|m|s)");

    private final String key;
    private final Kind kind;
    private final long min;
    private final long max;
    private final String example;
    private final String meaning;
    private final List<String> values;

    KnownArgument(String key, Kind kind, long min, long max, String example, String meaning) {
        this.key = key;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.example = example;
        this.meaning = meaning;
        this.values = List.of();
    }

    KnownArgument(String key, Kind kind, String example, String meaning, String... values) {
        this.key = key;
        this.kind = kind;
        this.min = 0;
        this.max = 0;
        this.example = example;
        this.meaning = meaning;
        this.values = List.of(values);
    }

    /** @return the argument's name, e.g. {@code x-message-ttl} */
    String key() {
        return key;
    }

    /** @return the type the broker wants */
    Kind kind() {
        return kind;
    }

    /** @return a good entry, e.g. {@code x-message-ttl=60000} */
    String example() {
        return key + "=" + example;
    }

    /**
     * @param key an argument name as configured
     * @return the documented argument of exactly that name
     */
    static Optional<KnownArgument> byKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }

    /**
     * @param key an argument name as configured
     * @return the documented argument the name means when it differs only in case (the broker's names are
     *         case-sensitive: {@code X-Message-TTL} would be kept as an unknown argument and ignored)
     */
    static Optional<KnownArgument> byKeyIgnoringCase(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.key.equals(k)).findFirst();
    }

    /**
     * @param key an argument name RabbitMQ does not document, e.g. {@code x-mesage-ttl}
     * @return the documented argument it is probably a typo of (at most two edits away), if it starts with
     *         {@code x-}
     */
    static Optional<KnownArgument> nearMiss(String key) {
        if (!key.startsWith("x-") || byKey(key).isPresent()) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(a -> distance(a.key, key) <= 2).findFirst();
    }

    /** @return the Levenshtein distance of a and b */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Gives a configured value this argument's type.
     *
     * @param token the value with its quotes removed
     * @return the typed value
     * @throws IllegalArgumentException saying what the argument needs, for the caller to wrap
     */
    Object typed(ConfigText.Token token) {
        String v = token.text();
        switch (kind) {
            case NUMBER: {
                if (token.quoted() || !v.matches("-?[0-9]{1,19}")) {
                    throw new IllegalArgumentException(key + " is a number (" + meaning + "), "
                            + (token.quoted() ? "a quoted value is a string" : "'" + v + "' is not one"));
                }
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + " is a number (" + meaning + "), '" + v
                            + "' is too large", e);
                }
                if (n < min || n > max) {
                    throw new IllegalArgumentException(key + " (" + meaning + ") must be between " + min + " and "
                            + max + ", not " + n);
                }
                return n;
            }
            case BOOLEAN:
                if (token.quoted() || !(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
                    throw new IllegalArgumentException(key + " is true or false (" + meaning + "), "
                            + (token.quoted() ? "a quoted value is a string" : "'" + v + "' is neither"));
                }
                return Boolean.parseBoolean(v);
            default:
                if (!values.isEmpty() && !values.contains(v)) {
                    throw new IllegalArgumentException(key + " (" + meaning + ") is one of " + String.join(", ", values)
                            + " (lower case), not '" + v + "'");
                }
                if (this == MAX_AGE && !MAX_AGE_FORMAT.matcher(v).matches()) {
                    throw new IllegalArgumentException(key + " is " + meaning + ", not '" + v + "'");
                }
                return v;
        }
    }
}
