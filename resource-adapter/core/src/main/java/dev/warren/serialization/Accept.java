package dev.warren.serialization;

import dev.warren.WarrenException;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which serializers a consumer may decode with — kombu's {@code accept}. Entries are serializer names
 * ({@code json}) or content types ({@code application/json}). Content types with no registered
 * serializer (e.g. {@code image/png}) are never deserialized, only handed over as bytes or text, so they
 * need no entry; {@code application/data} and {@code application/text} are always allowed.
 *
 * <p>{@link #DEFAULT} is json, text and raw bytes: like kombu, the unsafe decoders (pickle, yaml, msgpack,
 * Java serialization) must be accepted explicitly. Immutable.
 */
public final class Accept {
    /** json, text and raw bytes */
    public static final Accept DEFAULT = of("json", "text", "raw");

    private final Set<String> entries;

    private Accept(Set<String> entries) {
        this.entries = Set.copyOf(entries);
    }

    /**
     * @param entries serializer names or content types (case-insensitive)
     * @return the accept list
     */
    public static Accept of(String... entries) {
        return of(Arrays.asList(entries));
    }

    /**
     * @param entries serializer names or content types (case-insensitive)
     * @return the accept list
     */
    public static Accept of(List<String> entries) {
        Set<String> set = new LinkedHashSet<>();
        for (String e : entries) {
            if (e == null || e.isBlank()) {
                throw new WarrenException("Empty entry in accept list " + entries
                        + ". Fix: list serializer names or content types separated by commas, e.g. json,yaml.");
            }
            set.add(ContentTypes.normalize(e));
        }
        return new Accept(set);
    }

    /**
     * Parses a configured accept list.
     *
     * @param value comma-separated names or content types, e.g. {@code "json, yaml"}; blank means {@link #DEFAULT}
     * @return the accept list
     */
    public static Accept parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return of(Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toList()));
    }

    /**
     * @param serializer a registered serializer
     * @return whether its name or content type is listed
     */
    public boolean allows(Serializer serializer) {
        if (entries.contains(ContentTypes.normalize(serializer.name()))) {
            return true;
        }
        String contentType = ContentTypes.baseType(serializer.contentType());
        return entries.contains(contentType) || ContentTypes.TRUSTED.contains(contentType);
    }

    /** @return the entries, lower-case */
    public Set<String> entries() {
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Accept && ((Accept) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "Accept" + entries;
    }
}
