package dev.warren.serialization;

import dev.warren.EncodeException;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Compression methods by name (and alias) and by kombu's {@code compression} header value. Immutable;
 * kept per adapter, factory or session.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class CompressionRegistry {
    private final Map<String, Compressor> byName;
    private final Map<String, Compressor> byHeader;

    private CompressionRegistry(Builder b) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(b.byName));
        this.byHeader = Collections.unmodifiableMap(new LinkedHashMap<>(b.byHeader));
    }

    /** @return the built-in methods plus those {@link ServiceLoader} finds on this library's class loader */
    public static CompressionRegistry defaults() {
        return builder().withBuiltIns().discover(CompressionRegistry.class.getClassLoader()).build();
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @param name a name or alias @return the method, if registered */
    public Optional<Compressor> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(key(name)));
    }

    /** @param header a {@code compression} header value @return the method, if registered */
    public Optional<Compressor> byHeader(String header) {
        return header == null ? Optional.empty() : Optional.ofNullable(byHeader.get(key(header)));
    }

    /**
     * @param name a name, alias or header value
     * @return the method
     * @throws EncodeException naming the unknown method and the registered ones
     */
    public Compressor require(String name) {
        return byName(name).or(() -> byHeader(name)).orElseThrow(() -> new EncodeException(
                "No compression named '" + name + "' is registered (registered: " + String.join(", ", names())
                        + "). Fix: use one of those, or register it (META-INF/services/"
                        + Compressor.class.getName() + ").", null));
    }

    /** @return registered names and aliases */
    public Collection<String> names() {
        return byName.keySet();
    }

    private static String key(String s) {
        return ContentTypes.normalize(s);
    }

    /** Collects compression methods; later registrations replace earlier ones. */
    public static final class Builder {
        private final Map<String, Compressor> byName = new LinkedHashMap<>();
        private final Map<String, Compressor> byHeader = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @return this builder with kombu's five methods: zlib (alias gzip), bzip2 (bzip), lzma (xz),
         *         zstd (zstandard) and brotli (decode only)
         */
        public Builder withBuiltIns() {
            register(new ZlibCompressor(), "gzip");
            register(new Bzip2Compressor(), "bzip");
            register(new LzmaCompressor(), "xz");
            register(new ZstdCompressor(), "zstandard");
            return register(new BrotliCompressor());
        }

        /** @param loader where to look for {@link Compressor} services @return this builder */
        public Builder discover(ClassLoader loader) {
            for (Compressor c : ServiceLoader.load(Compressor.class, loader)) {
                register(c);
            }
            return this;
        }

        /** @param compressor the method @param aliases more names @return this builder */
        public Builder register(Compressor compressor, String... aliases) {
            byName.put(key(compressor.name()), compressor);
            for (String a : aliases) {
                byName.put(key(a), compressor);
            }
            byHeader.put(key(compressor.headerValue()), compressor);
            return this;
        }

        /** @return the immutable registry */
        public CompressionRegistry build() {
            return new CompressionRegistry(this);
        }
    }
}
