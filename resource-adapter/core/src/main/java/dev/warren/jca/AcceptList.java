package dev.warren.jca;

import dev.warren.WarrenException;
import dev.warren.serialization.Accept;
import dev.warren.serialization.SerializerRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code accept} property (activation spec, connection factory) against the serializers that are
 * actually registered, so a typo ({@code jsn}) fails the deployment instead of silently refusing every message.
 * Stateless.
 */
final class AcceptList {
    private AcceptList() {
    }

    /**
     * @param value serializer names or content types separated by commas; blank = {@link Accept#DEFAULT}
     * @param registry the serializers registered on the adapter
     * @param javaMayBeRegistered whether {@code java} may still be registered later (no adapter to ask yet)
     * @return the accept list
     * @throws WarrenException naming the property, the value, the entry, the registered names and the fix
     */
    static Accept parse(String value, SerializerRegistry registry, boolean javaMayBeRegistered) {
        if (ConfigText.isBlank(value)) {
            return Accept.DEFAULT;
        }
        List<String> entries = new ArrayList<>();
        List<String> parts;
        try {
            parts = ConfigText.split(value, ',');
        } catch (IllegalArgumentException e) {
            throw invalid(value, e.getMessage(), "list names or content types without quotes, e.g. json,yaml");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw invalid(value, "an empty entry (two commas in a row, or a comma at either end)",
                        "remove the extra comma");
            }
            String entry;
            try {
                entry = ConfigText.unquote(part).text();
            } catch (IllegalArgumentException e) {
                throw invalid(value, e.getMessage(), "list names or content types without quotes, e.g. json,yaml");
            }
            boolean contentType = entry.indexOf('/') > 0;
            boolean java = entry.equalsIgnoreCase("java");
            if (!contentType && registry.byName(entry).isEmpty() && !(java && javaMayBeRegistered)) {
                throw invalid(value, "'" + entry + "' is not a registered serializer (registered: "
                        + String.join(", ", registry.names()) + ")", java
                        ? "set the resource adapter's javaSerializationAllowList to register java, or remove it"
                        : "use one of the registered names or a content type (e.g. application/json), or register"
                        + " the serializer (META-INF/services/dev.warren.serialization.Serializer)");
            }
            entries.add(entry);
        }
        return Accept.of(entries);
    }

    private static WarrenException invalid(String value, String problem, String fix) {
        return new WarrenException("Invalid property accept='" + value + "': " + problem + ". Fix: " + fix + ".");
    }
}
