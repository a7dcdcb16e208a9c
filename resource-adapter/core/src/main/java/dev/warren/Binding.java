package dev.warren;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One binding of a queue to an exchange: a routing key (direct, topic), nothing (fanout), or header-match
 * arguments (headers exchange, with {@code x-match} all / any). Immutable.
 *
 * @param exchange the exchange the queue is bound to; declared before the queue when the queue is declared
 * @param routingKey the binding key; {@code ""} where the exchange type ignores it
 * @param arguments binding arguments (header matches, {@code x-match}), unmodifiable
 */
public record Binding(Exchange exchange, String routingKey, Map<String, Object> arguments) {

    /** How a headers exchange matches a binding's header arguments. */
    public enum Match {
        /** every header must match ({@code x-match=all}) */
        ALL,
        /** at least one header must match ({@code x-match=any}) */
        ANY
    }

    /** Validates and copies the arguments. */
    public Binding {
        Objects.requireNonNull(exchange, "exchange");
        routingKey = routingKey == null ? "" : routingKey;
        arguments = Maps.copy(arguments);
    }

    /**
     * @param exchange the exchange
     * @param routingKey the binding key (topic patterns allowed)
     * @return a routing-key binding
     */
    public static Binding of(Exchange exchange, String routingKey) {
        return new Binding(exchange, routingKey, Map.of());
    }

    /**
     * A headers-exchange binding.
     *
     * @param exchange a headers exchange
     * @param match all or any
     * @param headers the header values to match
     * @return the binding, whose arguments hold {@code x-match} and the headers
     */
    public static Binding headers(Exchange exchange, Match match, Map<String, ?> headers) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("x-match", match == Match.ALL ? "all" : "any");
        args.putAll(headers);
        return new Binding(exchange, "", args);
    }

    @Override
    public String toString() {
        return "Binding(" + exchange.name() + " -> '" + routingKey + "'"
                + (arguments.isEmpty() ? "" : " " + arguments) + ")";
    }
}
