package dev.warren.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warren.ContentDisallowedException;
import dev.warren.DecodeException;
import dev.warren.EncodeException;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Encodes outgoing bodies and decodes incoming ones exactly as kombu does: one place for the body rules,
 * the accept list, compression and the decompression size cap.
 *
 * <p>Encoding (kombu's {@code Producer._prepare} and {@code dumps}):
 * <ul>
 *   <li>an explicit content type means the body goes as is: a {@code byte[]} (encoding defaults to
 *       {@code binary}) or a {@code String} (encoded with the given encoding, default {@code utf-8});</li>
 *   <li>otherwise, with no serializer named: {@code byte[]} goes as {@code application/data}/{@code binary},
 *       a {@code String} as {@code text/plain}/{@code utf-8}, anything else through the default serializer
 *       (json unless configured);</li>
 *   <li>with a serializer named, the body always goes through it;</li>
 *   <li>then the body is compressed when a compression is named, and the header value is returned.</li>
 * </ul>
 *
 * <p>Decoding: decompress (capped), refuse a registered serializer's content type that the accept list
 * does not allow ({@link ContentDisallowedException}), decode with the serializer for the content type;
 * a content type with no serializer yields a {@code String} when the encoding is a charset and the raw
 * {@code byte[]} when it is {@code binary}. Every failure is a {@link DecodeException} naming the content
 * type, the message and the cause.
 *
 * <p>Thread-safety: immutable, safe to share.
 */
public final class MessageCodec {
    /** Default cap on a decompressed body: 64 MiB. */
    public static final long DEFAULT_MAX_DECOMPRESSED_SIZE = 64L * 1024 * 1024;

    private final SerializerRegistry serializers;
    private final CompressionRegistry compressions;
    private final String defaultSerializer;
    /** Resolved once: most publishes use the default, and the lookup normalises and hashes the name. */
    private final Serializer defaultSerializerInstance;
    private final long maxDecompressedSize;
    private final ObjectMapper mapper;

    private MessageCodec(Builder b) {
        this.serializers = b.serializers;
        this.compressions = b.compressions;
        this.defaultSerializer = b.defaultSerializer;
        this.maxDecompressedSize = b.maxDecompressedSize;
        this.mapper = Json.newMapper();
        this.defaultSerializerInstance = serializers.require(defaultSerializer);
    }

    /** @return a codec over the default registries, json by default */
    public static MessageCodec defaults() {
        return builder().build();
    }

    /** @return a builder starting from the default registries */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this codec's settings */
    public Builder toBuilder() {
        return new Builder().serializers(serializers).compressions(compressions)
                .defaultSerializer(defaultSerializer).maxDecompressedSize(maxDecompressedSize);
    }

    /** @return the serializers */
    public SerializerRegistry serializers() {
        return serializers;
    }

    /** @return the compression methods */
    public CompressionRegistry compressions() {
        return compressions;
    }

    /** @return the serializer used for structured bodies when none is named */
    public String defaultSerializer() {
        return defaultSerializer;
    }

    /** @return the decompressed-size cap in bytes */
    public long maxDecompressedSize() {
        return maxDecompressedSize;
    }

    /**
     * @param body the value to send
     * @param serializer a serializer name, or null for kombu's body rules
     * @param contentType an explicit content type for a raw body, or null
     * @param contentEncoding the encoding of a raw body, or null
     * @param compression a compression name, or null
     * @return the body and its properties
     * @throws EncodeException naming the serializer, the value's type and the fix
     */
    public EncodedBody encode(Object body, String serializer, String contentType, String contentEncoding,
                              String compression) {
        EncodedBody encoded;
        if (contentType != null) {
            encoded = raw(body, contentType, contentEncoding);
        } else if (serializer == null && body instanceof byte[]) {
            encoded = new EncodedBody((byte[]) body, ContentTypes.APPLICATION_DATA, ContentTypes.BINARY, null);
        } else if (serializer == null && body instanceof String) {
            encoded = new EncodedBody(((String) body).getBytes(StandardCharsets.UTF_8), ContentTypes.TEXT_PLAIN,
                    ContentTypes.UTF_8, null);
        } else {
            Serializer s = serializer == null ? defaultSerializerInstance : serializers.require(serializer);
            try {
                encoded = new EncodedBody(s.encode(body), s.contentType(), s.contentEncoding(), null);
            } catch (RuntimeException | Error e) {
                throw encodeFailure(s, body, e);
            } catch (Exception e) {
                throw encodeFailure(s, body, e);
            }
        }
        if (compression == null) {
            return encoded;
        }
        Compressor c = compressions.require(compression);
        if (!c.canCompress()) {
            throw new EncodeException("Compression '" + c.name() + "' (" + c.headerValue() + ") can only be decoded"
                    + " here, not encoded. Fix: publish with one of " + encodable() + ", or register a Compressor"
                    + " named '" + c.name() + "' that can encode.", null);
        }
        try {
            return new EncodedBody(c.compress(encoded.body()), encoded.contentType(), encoded.contentEncoding(),
                    c.headerValue());
        } catch (Exception e) {
            throw new EncodeException("Compression '" + c.name() + "' failed: " + e.getMessage(), e);
        }
    }

    private String encodable() {
        return String.join(", ", compressions.names().stream()
                .filter(n -> compressions.byName(n).map(Compressor::canCompress).orElse(false)).toList());
    }

    private static EncodeException encodeFailure(Serializer s, Object body, Throwable e) {
        return new EncodeException("Serializer '" + s.name() + "' (" + s.contentType() + ") cannot encode a "
                + (body == null ? "null value" : body.getClass().getName()) + ": " + e.getMessage()
                + ". Fix: send a type this serializer supports (maps, lists, records, strings, numbers),"
                + " or choose another serializer.", e);
    }

    private static EncodedBody raw(Object body, String contentType, String contentEncoding) {
        if (body instanceof byte[]) {
            return new EncodedBody((byte[]) body, contentType,
                    contentEncoding == null ? ContentTypes.BINARY : contentEncoding, null);
        }
        if (body instanceof String) {
            String enc = contentEncoding == null ? ContentTypes.UTF_8 : contentEncoding;
            try {
                return new EncodedBody(((String) body).getBytes(Charsets.forName(enc)),
                        contentType, enc, null);
            } catch (IllegalArgumentException e) {
                throw new EncodeException("Unknown content encoding '" + enc + "' for a String body of type '"
                        + contentType + "'. Fix: use a Java charset name such as utf-8.", e);
            }
        }
        throw new EncodeException("A body published with the explicit content type '" + contentType
                + "' is sent as is, so it must be byte[] or String, not "
                + (body == null ? "null" : body.getClass().getName())
                + ". Fix: drop the content type and name a serializer (e.g. json) instead.", null);
    }

    /**
     * Decodes a body to plain values.
     *
     * @param body the received bytes
     * @param contentType the {@code content_type} property (null means {@code application/data})
     * @param contentEncoding the {@code content_encoding} property (null means {@code utf-8})
     * @param compression the {@code compression} header, or null
     * @param accept the serializers allowed
     * @param describe the message, for error texts (message id, delivery tag, queue)
     * @return the decoded value
     * @throws DecodeException naming the content type, the message and the cause
     */
    public Object decode(byte[] body, String contentType, String contentEncoding, String compression,
                         Accept accept, String describe) {
        return decode(body, contentType, contentEncoding, compression, accept, describe, Object.class);
    }

    /**
     * Decodes a body into a type ({@code byte[]} always returns the decompressed bytes).
     *
     * @param body the received bytes
     * @param contentType the {@code content_type} property (null means {@code application/data})
     * @param contentEncoding the {@code content_encoding} property (null means {@code utf-8})
     * @param compression the {@code compression} header, or null
     * @param accept the serializers allowed
     * @param describe the message, for error texts
     * @param type the target type
     * @param <T> the target type
     * @return the value
     * @throws DecodeException naming the content type, the message and the cause
     */
    public <T> T decode(byte[] body, String contentType, String contentEncoding, String compression,
                        Accept accept, String describe, Class<T> type) {
        return decode(body, contentType, contentEncoding, compression, accept, () -> describe, type);
    }

    /**
     * As {@link #decode(byte[], String, String, String, Accept, String, Class)}, with the message's
     * description computed only when an error needs it (the per-message hot path of consumers).
     *
     * @param body the received bytes
     * @param contentType the {@code content_type} property (null means {@code application/data})
     * @param contentEncoding the {@code content_encoding} property (null means {@code utf-8})
     * @param compression the {@code compression} header, or null
     * @param accept the serializers allowed
     * @param describer describes the message, for error texts
     * @param type the target type
     * @param <T> the target type
     * @return the value
     * @throws DecodeException naming the content type, the message and the cause
     */
    public <T> T decode(byte[] body, String contentType, String contentEncoding, String compression,
                        Accept accept, Supplier<String> describer, Class<T> type) {
        Objects.requireNonNull(type, "type");
        String ct = ContentTypes.receivedBaseType(contentType);
        String enc = ContentTypes.receivedEncoding(contentEncoding);
        byte[] data = decompress(body, compression, ct, describer);
        if (type == byte[].class) {
            return type.cast(data);
        }
        Serializer s = serializers.byBaseType(ct);
        if (s != null && !accept.allows(s)) {
            throw new ContentDisallowedException("Refusing to deserialize untrusted content of type "
                    + s.name() + " (" + ct + ") in " + describer.get() + ". Fix: add '" + s.name()
                    + "' to the accept list if this producer is trusted.");
        }
        try {
            if (data.length == 0 && s != null && !(s instanceof RawSerializer) && type == Object.class) {
                return type.cast(ContentTypes.SKIP_DECODE.contains(enc) ? data : "");
            }
            if (s != null) {
                return s.decode(transcode(data, s, enc), type, mapper);
            }
            Object plain = ContentTypes.SKIP_DECODE.contains(enc) ? data : Charsets.decodeStrict(data, enc);
            return type.isInstance(plain) ? type.cast(plain) : mapper.convertValue(plain, type);
        } catch (DecodeException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new DecodeException("Cannot decode " + describer.get() + " of content type '" + ct + "' (encoding '"
                    + enc + "')" + (type == Object.class ? "" : " as " + type.getName()) + ": "
                    + rootMessage(e) + ". Fix: check what the producer sends, or read message.body() raw.", e);
        }
    }

    /**
     * Like kombu ({@code codecs.decode(body, content_encoding)} before a text decoder runs): a text
     * serializer's body declared in another charset (e.g. {@code latin-1}) is re-encoded to UTF-8 first;
     * bytes invalid in the declared charset, or an unknown charset, fail.
     */
    private static byte[] transcode(byte[] data, Serializer s, String enc) throws java.nio.charset.CharacterCodingException {
        if (ContentTypes.SKIP_DECODE.contains(s.contentEncoding()) || ContentTypes.SKIP_DECODE.contains(enc)
                || enc.equals("utf-8") || enc.equals("utf8")) {
            return data;
        }
        return Charsets.decodeStrict(data, enc).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] decompress(byte[] body, String compression, String ct, Supplier<String> describer) {
        if (compression == null || compression.isBlank()) {
            return body;
        }
        Compressor c = compressions.byHeader(compression).or(() -> compressions.byName(compression))
                .orElseThrow(() -> new DecodeException("Unknown compression '" + compression + "' on " + describer.get()
                        + " of content type '" + ct + "' (known: " + String.join(", ", compressions.names())
                        + "). Fix: register a Compressor for it, or have the producer use a supported one.", null));
        try {
            return c.decompress(body, maxDecompressedSize);
        } catch (Exception e) {
            throw new DecodeException("Cannot decompress " + describer.get() + " of content type '" + ct + "' with "
                    + c.name() + " (" + c.headerValue() + "): " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m.replace('\n', ' ');
    }

    /** Configures a {@link MessageCodec}. Not thread-safe. */
    public static final class Builder {
        private SerializerRegistry serializers = SerializerRegistry.defaults();
        private CompressionRegistry compressions = CompressionRegistry.defaults();
        private String defaultSerializer = "json";
        private long maxDecompressedSize = DEFAULT_MAX_DECOMPRESSED_SIZE;

        private Builder() {
        }

        /** @param serializers the serializer registry @return this builder */
        public Builder serializers(SerializerRegistry serializers) {
            this.serializers = Objects.requireNonNull(serializers, "serializers");
            return this;
        }

        /** @param compressions the compression registry @return this builder */
        public Builder compressions(CompressionRegistry compressions) {
            this.compressions = Objects.requireNonNull(compressions, "compressions");
            return this;
        }

        /** @param name serializer for structured bodies when none is named (default json) @return this builder */
        public Builder defaultSerializer(String name) {
            this.defaultSerializer = Objects.requireNonNull(name, "defaultSerializer");
            return this;
        }

        /** @param bytes cap on decompressed bodies (default 64 MiB) @return this builder */
        public Builder maxDecompressedSize(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxDecompressedSize must be positive, was " + bytes);
            }
            this.maxDecompressedSize = bytes;
            return this;
        }

        /**
         * @return the codec
         * @throws EncodeException when the default serializer is not registered
         */
        public MessageCodec build() {
            return new MessageCodec(this);
        }
    }
}
