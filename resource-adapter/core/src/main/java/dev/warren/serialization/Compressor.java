package dev.warren.serialization;

/**
 * One compression method, keyed by the value kombu writes in the {@code compression} header
 * (e.g. {@code application/x-gzip} for zlib). Immutable and thread-safe.
 */
public interface Compressor {

    /** @return the name producers use, e.g. {@code zlib} */
    String name();

    /** @return the {@code compression} header value, e.g. {@code application/x-gzip} */
    String headerValue();

    /**
     * @return whether {@link #compress(byte[])} works; a decode-only method (brotli) returns false and
     *         publishing with it fails with an {@link dev.warren.EncodeException} naming the alternatives
     */
    default boolean canCompress() {
        return true;
    }

    /**
     * @param data the serialized body
     * @return the compressed body
     * @throws Exception any failure, wrapped by the codec
     */
    byte[] compress(byte[] data) throws Exception;

    /**
     * @param data the compressed body
     * @param maxSize the largest output allowed; exceeding it must fail (a compression bomb)
     * @return the decompressed body
     * @throws Exception any failure, including output over {@code maxSize}; wrapped by the codec
     */
    byte[] decompress(byte[] data, long maxSize) throws Exception;
}
