package dev.warren.jca;

import dev.warren.WarrenException;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one grammar of AMQP argument tables in Warren's configuration (activation {@code queueArguments} and
 * {@code bindingArguments}, the admin objects' {@code arguments}, the {@code args} of the factory's
 * {@code declarations}): {@code key=value} entries separated by commas, e.g.
 * {@code x-message-ttl=60000, x-dead-letter-exchange='dlx,eu', x-queue-type=quorum}.
 *
 * <p>Values are typed once, here:
 * <ul>
 *   <li>an argument RabbitMQ documents ({@link KnownArgument}) gets the type the broker wants, whatever the value
 *       looks like ({@code x-dead-letter-routing-key=404} is the string "404"); a value that cannot have that type
 *       ({@code x-message-ttl=soon}), or is out of the documented range or set, is an error;</li>
 *   <li>another key keeps type inference: an integer becomes a {@code Long}, {@code true}/{@code false} a
 *       {@code Boolean}, anything else a {@code String};</li>
 *   <li>a value in single or double quotes is always a string; it may hold commas and '=', the quotes are removed
 *       and never sent, and a quote of the same kind is written twice inside it; {@code ''} is the empty
 *       string.</li>
 * </ul>
 * Keys and values are trimmed of any Unicode whitespace (a non-breaking space too). An empty entry, key or
 * (unquoted) value, a duplicate key, a documented name written in another case and stray quotes are errors that
 * name the property, the value, the entry and the fix. Stateless.
 */
final class Arguments {
    private Arguments() {
    }

    /**
     * @param property the property name, for errors
     * @param value the configured value; null or blank means no arguments
     * @return the typed arguments in order, unmodifiable
     * @throws WarrenException naming the property, the value, the entry and the fix
     */
    static Map<String, Object> parse(String property, String value) {
        return parse(property, value, value);
    }

    /**
     * @param property the property name, for errors
     * @param shown the whole property value, for errors (the arguments may be a part of it)
     * @param value the arguments; null or blank means none
     * @return the typed arguments in order, unmodifiable
     * @throws WarrenException naming the property, the shown value, the entry and the fix
     */
    static Map<String, Object> parse(String property, String shown, String value) {
        if (ConfigText.isBlank(value)) {
            return Map.of();
        }
        List<String> entries;
        try {
            entries = ConfigText.split(value, ',');
        } catch (IllegalArgumentException e) {
            throw invalid(property, shown, e.getMessage(), "close the quote: quote a whole value, e.g."
                    + " x-dead-letter-exchange='dlx', and write a quote inside it twice");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry.isEmpty()) {
                throw invalid(property, shown, "an empty entry (two commas in a row, or a comma at either end)",
                        "remove the extra comma");
            }
            int eq = ConfigText.indexOutsideQuotes(entry, '=');
            if (eq < 0) {
                throw invalid(property, shown, "entry '" + entry + "' is not key=value",
                        "write key=value entries separated by commas, e.g. x-message-ttl=60000,x-queue-type=quorum");
            }
            String key = ConfigText.trim(entry.substring(0, eq));
            String raw = ConfigText.trim(entry.substring(eq + 1));
            checkKey(property, shown, entry, key);
            if (out.containsKey(key)) {
                throw invalid(property, shown, "entry '" + entry + "' repeats the key " + key,
                        "keep one entry for " + key);
            }
            if (raw.isEmpty()) {
                Optional<KnownArgument> known = KnownArgument.byKey(key);
                throw invalid(property, shown, "entry '" + entry + "' has no value", known.isPresent()
                        && known.get().kind() != KnownArgument.Kind.STRING
                        ? "give " + key + " a value, e.g. " + known.get().example() + ", or remove the entry"
                        : "give " + key + " a value, or remove the entry; for an empty string write " + key
                                + "='' (e.g. x-dead-letter-exchange='' dead-letters to the default exchange)");
            }
            ConfigText.Token token;
            try {
                token = ConfigText.unquote(raw);
            } catch (IllegalArgumentException e) {
                throw invalid(property, shown, "entry '" + entry + "': " + e.getMessage(),
                        "quote the whole value, e.g. " + key + "='a,b', and write a quote inside it twice");
            }
            out.put(key, typed(property, shown, entry, key, token));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * {@link #parse(String, String, String)} for a queue's arguments, plus the rule the broker applies across them:
     * x-dead-letter-routing-key needs x-dead-letter-exchange.
     *
     * @param property the property name, for errors
     * @param shown the whole property value, for errors
     * @param value the arguments; null or blank means none
     * @return the typed arguments in order, unmodifiable
     * @throws WarrenException naming the property, the shown value, the entry and the fix
     */
    static Map<String, Object> parseQueue(String property, String shown, String value) {
        Map<String, Object> args = parse(property, shown, value);
        if (args.containsKey(KnownArgument.DEAD_LETTER_ROUTING_KEY.key())
                && !args.containsKey(KnownArgument.DEAD_LETTER_EXCHANGE.key())) {
            throw invalid(property, shown, "x-dead-letter-routing-key without x-dead-letter-exchange (the broker"
                    + " refuses it)", "add x-dead-letter-exchange=NAME, or x-dead-letter-exchange='' to dead-letter"
                    + " through the default exchange to the queue named by the routing key");
        }
        return args;
    }

    private static void checkKey(String property, String shown, String entry, String key) {
        if (key.isEmpty()) {
            throw invalid(property, shown, "entry '" + entry + "' has no key",
                    "write the argument's name before '=', e.g. x-message-ttl=60000");
        }
        if (key.indexOf('\'') >= 0 || key.indexOf('"') >= 0) {
            throw invalid(property, shown, "the key of entry '" + entry + "' holds a quote",
                    "write the key without quotes; only values may be quoted");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw invalid(property, shown, "the key of entry '" + entry + "' is longer than 255 bytes",
                    "use a shorter key (AMQP table keys are short strings)");
        }
        if (KnownArgument.byKey(key).isEmpty()) {
            Optional<KnownArgument> meant = KnownArgument.byKeyIgnoringCase(key);
            if (meant.isPresent()) {
                throw invalid(property, shown, "entry '" + entry + "': the broker's argument names are"
                        + " case-sensitive, and would ignore " + key, "write " + meant.get().key());
            }
        }
    }

    private static Object typed(String property, String shown, String entry, String key, ConfigText.Token token) {
        Optional<KnownArgument> known = KnownArgument.byKey(key);
        if (known.isPresent()) {
            try {
                return known.get().typed(token);
            } catch (IllegalArgumentException e) {
                throw invalid(property, shown, "entry '" + entry + "': " + e.getMessage(),
                        "write e.g. " + known.get().example());
            }
        }
        String v = token.text();
        if (token.quoted()) {
            return v;
        }
        if (v.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(v);
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        return v;
    }

    private static WarrenException invalid(String property, String value, String problem, String fix) {
        return new WarrenException("Invalid property " + property + "='" + value + "': " + problem + ". Fix: " + fix
                + ".");
    }
}
