package dev.warren.jca;

import dev.warren.Exchange;
import dev.warren.ExchangeType;
import dev.warren.Queue;
import dev.warren.WarrenException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses a connection factory's {@code declarations} property: entities every new pooled channel declares
 * before first use (once per channel). Items are separated by {@code ;}, words by whitespace:
 * <ul>
 *   <li>{@code exchange NAME [TYPE] [args ARGUMENTS]} — a durable exchange, type direct by default;</li>
 *   <li>{@code queue NAME [EXCHANGE:KEY ...] [args ARGUMENTS]} — a durable queue bound to the exchanges with the
 *       keys; {@code EXCHANGE:KEY,EXCHANGE:KEY} in one word are two bindings, and {@code EXCHANGE:} binds with
 *       the empty key.</li>
 * </ul>
 * A queue binds to an exchange with the type that exchange has in the same declarations (wherever it is declared
 * there); an exchange the declarations do not declare is declared as a durable direct exchange. ARGUMENTS are the
 * rest of the item in the {@link Arguments} grammar. A name may be quoted ({@code queue 'a:b'}); an unquoted
 * queue name holding ':' is refused, because it is almost always a binding without a queue name.
 * Example: {@code exchange media topic; queue video media:video.# args x-queue-type=quorum}.
 * For other settings, use the {@link ExchangeDefinition} / {@link QueueDefinition} admin objects.
 * Stateless.
 */
final class Declarations {
    private static final String PROPERTY = "declarations";
    private static final String FORM = "write items like 'exchange media topic; queue video media:video.# args"
            + " x-message-ttl=60000' (items separated by ';')";

    private Declarations() {
    }

    /**
     * @param value the property value; null means none
     * @return {@link Exchange} and {@link Queue} values, in order
     * @throws WarrenException naming the property, the value, the item and the fix
     */
    static List<Object> parse(String value) {
        List<Object> out = new ArrayList<>();
        if (ConfigText.isBlank(value)) {
            return out;
        }
        List<List<String>> items = new ArrayList<>();
        try {
            for (String item : ConfigText.split(value, ';')) {
                List<String> words = ConfigText.words(item);
                if (!words.isEmpty()) {
                    items.add(words);
                }
            }
        } catch (IllegalArgumentException e) {
            throw invalid(value, e.getMessage(), "close the quote; quote a whole name or value and write a quote"
                    + " inside it twice");
        }
        Map<String, Exchange> exchanges = new LinkedHashMap<>();
        for (List<String> w : items) {
            if (w.get(0).equalsIgnoreCase("exchange")) {
                Exchange e = exchange(value, w);
                if (exchanges.put(e.name(), e) != null) {
                    throw invalid(value, "exchange '" + e.name() + "' is declared twice",
                            "declare each exchange once");
                }
            }
        }
        Set<String> queues = new LinkedHashSet<>();
        for (List<String> w : items) {
            String kind = w.get(0).toLowerCase(Locale.ROOT);
            if (kind.equals("exchange")) {
                out.add(exchanges.get(name(value, w, "exchange")));
            } else if (kind.equals("queue")) {
                Queue q = queue(value, w, exchanges);
                if (!queues.add(q.name())) {
                    throw invalid(value, "queue '" + q.name() + "' is declared twice",
                            "declare each queue once, with all its bindings");
                }
                out.add(q);
            } else {
                throw invalid(value, "item '" + String.join(" ", w) + "' starts with neither 'exchange' nor 'queue'",
                        FORM);
            }
        }
        return out;
    }

    private static Exchange exchange(String value, List<String> w) {
        String name = name(value, w, "exchange");
        int args = argsIndex(w);
        int end = args < 0 ? w.size() : args;
        if (end > 3) {
            throw invalid(value, "item '" + String.join(" ", w) + "' has more than a name and a type before args",
                    "write 'exchange NAME [TYPE] [args ARGUMENTS]'");
        }
        ExchangeType type = ExchangeType.DIRECT;
        if (end == 3) {
            try {
                type = ExchangeType.parse(w.get(2));
            } catch (WarrenException e) {
                throw invalid(value, "item '" + String.join(" ", w) + "' has the unknown exchange type '" + w.get(2)
                        + "'", "use direct, fanout, topic or headers");
            }
        }
        return Exchange.builder(name).type(type).arguments(arguments(value, w, args, false)).build();
    }

    private static Queue queue(String value, List<String> w, Map<String, Exchange> exchanges) {
        String name = name(value, w, "queue");
        int args = argsIndex(w);
        int end = args < 0 ? w.size() : args;
        Queue.Builder q = Queue.builder(name).arguments(arguments(value, w, args, true));
        for (int i = 2; i < end; i++) {
            List<String> bindings = ConfigText.split(w.get(i), ',');
            for (String b : bindings) {
                int colon = ConfigText.indexOutsideQuotes(b, ':');
                if (colon < 0) {
                    throw invalid(value, "in item '" + String.join(" ", w) + "', '" + (b.isEmpty() ? w.get(i) : b)
                            + "' is not a binding EXCHANGE:KEY", "bind with EXCHANGE:KEY (several separated by"
                            + " spaces or commas), or put the queue arguments after the word args");
                }
                String exchange = unquote(value, w, ConfigText.trim(b.substring(0, colon)));
                String key = unquote(value, w, ConfigText.trim(b.substring(colon + 1)));
                if (exchange.isEmpty()) {
                    throw invalid(value, "in item '" + String.join(" ", w) + "', binding '" + b + "' names no"
                            + " exchange (the default exchange cannot be bound to: it routes by queue name by"
                            + " itself)", "name the exchange before ':', e.g. media:video");
                }
                q.bind(exchanges.getOrDefault(exchange, Exchange.direct(exchange)), key);
            }
        }
        return q.build();
    }

    private static String name(String value, List<String> w, String kind) {
        if (w.size() < 2 || w.get(1).equalsIgnoreCase("args")) {
            throw invalid(value, "item '" + String.join(" ", w) + "' names no " + kind,
                    "write '" + kind + " NAME …'");
        }
        String raw = w.get(1);
        String name = unquote(value, w, raw);
        if (name.isEmpty()) {
            throw invalid(value, "item '" + String.join(" ", w) + "' has an empty " + kind + " name",
                    "name the " + kind);
        }
        if (kind.equals("queue") && !(raw.startsWith("'") || raw.startsWith("\"")) && name.indexOf(':') >= 0) {
            throw invalid(value, "item '" + String.join(" ", w) + "': '" + name + "' looks like a binding"
                    + " EXCHANGE:KEY, not a queue name", "write 'queue NAME " + name + "', or quote a queue name"
                    + " that holds ':' ('" + name + "')");
        }
        return name;
    }

    private static int argsIndex(List<String> w) {
        for (int i = 2; i < w.size(); i++) {
            if (w.get(i).equalsIgnoreCase("args")) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Object> arguments(String value, List<String> w, int args, boolean queue) {
        if (args < 0) {
            return Map.of();
        }
        if (args == w.size() - 1) {
            throw invalid(value, "in item '" + String.join(" ", w) + "', args is followed by no arguments",
                    "write e.g. args x-message-ttl=60000, or remove the word args");
        }
        String text = String.join(" ", w.subList(args + 1, w.size()));
        return queue ? Arguments.parseQueue(PROPERTY, value, text) : Arguments.parse(PROPERTY, value, text);
    }

    private static String unquote(String value, List<String> w, String s) {
        try {
            return ConfigText.unquote(s).text();
        } catch (IllegalArgumentException e) {
            throw invalid(value, "in item '" + String.join(" ", w) + "', " + e.getMessage(),
                    "quote a whole name or key, and write a quote inside it twice");
        }
    }

    private static WarrenException invalid(String value, String problem, String fix) {
        return new WarrenException("Invalid property " + PROPERTY + "='" + value + "': " + problem + ". Fix: " + fix
                + ".");
    }
}
