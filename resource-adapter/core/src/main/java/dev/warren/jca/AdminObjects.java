package dev.warren.jca;

import dev.warren.WarrenException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parsing shared by the {@link ExchangeDefinition} and {@link QueueDefinition} admin objects. Stateless. */
final class AdminObjects {
    private AdminObjects() {
    }

    /**
     * @param owner the admin object, e.g. {@code QueueDefinition 'video'}
     * @param value its {@code arguments} property
     * @return the typed arguments
     * @throws WarrenException naming the admin object, the property, the value and the fix
     */
    static Map<String, Object> arguments(String owner, String value) {
        try {
            return owner.startsWith("QueueDefinition") ? Arguments.parseQueue("arguments", value, value)
                    : Arguments.parse("arguments", value);
        } catch (WarrenException e) {
            throw new WarrenException(owner + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param owner the admin object, e.g. {@code QueueDefinition 'video'}
     * @param value its {@code bindings} property: {@code exchange:key} pairs separated by commas, parts optionally
     *              quoted ({@code media:'a,b'}); {@code exchange:} is the empty key
     * @return {exchange, key} pairs, in order
     * @throws WarrenException naming the admin object, the property, the value, the entry and the fix
     */
    static List<String[]> bindings(String owner, String value) {
        List<String[]> out = new ArrayList<>();
        if (ConfigText.isBlank(value)) {
            return out;
        }
        try {
            for (String item : ConfigText.split(value, ',')) {
                if (item.isEmpty()) {
                    throw invalid(owner, value, "an empty entry (two commas in a row, or a comma at either end)",
                            "remove the extra comma");
                }
                int colon = ConfigText.indexOutsideQuotes(item, ':');
                if (colon < 0) {
                    throw invalid(owner, value, "'" + item + "' is not exchange:routingKey",
                            "write e.g. media:video,media:clip");
                }
                String exchange = ConfigText.unquote(ConfigText.trim(item.substring(0, colon))).text();
                String key = ConfigText.unquote(ConfigText.trim(item.substring(colon + 1))).text();
                if (exchange.isEmpty()) {
                    throw invalid(owner, value, "'" + item + "' names no exchange (the default exchange cannot be"
                            + " bound to: it routes by queue name by itself)", "name the exchange before ':', e.g."
                            + " media:video");
                }
                out.add(new String[] {exchange, key});
            }
        } catch (IllegalArgumentException e) {
            throw invalid(owner, value, e.getMessage(), "quote a whole exchange name or key, e.g. media:'a,b',"
                    + " and write a quote inside it twice");
        }
        return out;
    }

    private static WarrenException invalid(String owner, String value, String problem, String fix) {
        return new WarrenException(owner + ": Invalid property bindings='" + value + "': " + problem + ". Fix: " + fix
                + ".");
    }
}
