package dev.warren.serialization;

import dev.warren.EncodeException;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Serializers by name and by content type — kombu's {@code registry}. Immutable: build one with
 * {@link #builder()} (or start from {@link #defaults()}) and keep it per adapter, factory or session;
 * there is no global registry.
 *
 * <p>{@link #defaults()} holds {@code json} (Jackson), {@code text} ({@code text/plain}), {@code raw}
 * ({@code application/data}, alias {@code bytes}), {@code yaml}, {@code msgpack}, {@code pickle} and every {@link Serializer} found by
 * {@link ServiceLoader} on the class loader given to {@link Builder#discover(ClassLoader)}.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class SerializerRegistry {
    private final Map<String, Serializer> byName;
    private final Map<String, Serializer> byContentType;

    private SerializerRegistry(Builder b) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(b.byName));
        this.byContentType = Collections.unmodifiableMap(new LinkedHashMap<>(b.byContentType));
    }

    /** @return the built-in serializers plus those discovered on this library's class loader */
    public static SerializerRegistry defaults() {
        return builder().withBuiltIns().discover(SerializerRegistry.class.getClassLoader()).build();
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this registry's entries, to add more */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.byName.putAll(byName);
        b.byContentType.putAll(byContentType);
        return b;
    }

    /**
     * @param name a serializer name or alias (case-insensitive)
     * @return the serializer, if registered
     */
    public Optional<Serializer> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(key(name)));
    }

    /**
     * @param contentType a content type; parameters such as {@code ; charset=utf-8} are ignored
     * @return the serializer registered for it, if any
     */
    public Optional<Serializer> byContentType(String contentType) {
        return contentType == null ? Optional.empty()
                : Optional.ofNullable(byBaseType(ContentTypes.baseType(contentType)));
    }

    /**
     * The per-message lookup: no parsing, no {@code Optional}.
     *
     * @param baseType a lower-case content type without parameters (see {@link ContentTypes#baseType})
     * @return the serializer registered for it, or null
     */
    Serializer byBaseType(String baseType) {
        return byContentType.get(baseType);
    }

    /**
     * @param name a serializer name
     * @return the serializer
     * @throws EncodeException naming the unknown serializer and the registered ones
     */
    public Serializer require(String name) {
        return byName(name).orElseThrow(() -> new EncodeException("No serializer named '" + name
                + "' is registered (registered: " + String.join(", ", names()) + "). Fix: use one of those,"
                + " or register it (SerializerRegistry.Builder.register or META-INF/services/"
                + Serializer.class.getName() + ").", null));
    }

    /** @return the registered names and aliases, in registration order */
    public Collection<String> names() {
        return byName.keySet();
    }

    private static String key(String s) {
        return ContentTypes.normalize(s);
    }

    /** Collects serializers. Later registrations of a name or content type replace earlier ones. */
    public static final class Builder {
        private final Map<String, Serializer> byName = new LinkedHashMap<>();
        private final Map<String, Serializer> byContentType = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Registers json, text, raw (alias bytes), yaml, msgpack and pickle. Registering is not accepting:
         * {@link Accept#DEFAULT} still decodes only json, text and raw. Java serialization is not a built-in
         * (see {@link #withJavaSerialization(String)}).
         *
         * @return this builder
         */
        public Builder withBuiltIns() {
            register(new JsonSerializer());
            register(new TextSerializer());
            register(new RawSerializer(), "bytes");
            register(new YamlSerializer());
            register(new MsgpackSerializer());
            register(new PickleSerializer());
            return this;
        }

        /**
         * Registers Java object serialization ({@code java}, {@code application/x-java-serialized-object})
         * restricted to an explicit class allow-list. Consumers still have to accept {@code java}.
         *
         * @param allowList classes and packages to allow (see {@link JavaSerializer#JavaSerializer(String)})
         * @return this builder
         * @throws dev.warren.WarrenException when the allow-list is blank or allows everything
         */
        public Builder withJavaSerialization(String allowList) {
            return register(new JavaSerializer(allowList));
        }

        /**
         * Registers every {@link Serializer} that {@link ServiceLoader} finds.
         *
         * @param loader the class loader to search (an application's, in a container)
         * @return this builder
         */
        public Builder discover(ClassLoader loader) {
            for (Serializer s : ServiceLoader.load(Serializer.class, loader)) {
                register(s);
            }
            return this;
        }

        /**
         * @param serializer the serializer, under its name and content type
         * @param aliases more names for it
         * @return this builder
         */
        public Builder register(Serializer serializer, String... aliases) {
            byName.put(key(serializer.name()), serializer);
            for (String alias : aliases) {
                byName.put(key(alias), serializer);
            }
            byContentType.put(ContentTypes.baseType(serializer.contentType()), serializer);
            return this;
        }

        /** @return the immutable registry */
        public SerializerRegistry build() {
            return new SerializerRegistry(this);
        }
    }
}
