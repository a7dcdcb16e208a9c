package dev.warren.serialization;

import org.brotli.dec.BrotliInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * kombu's {@code brotli} under the header value {@code application/x-brotli}: <em>decode only</em>, with
 * Google's pure-Java reference decoder ({@code org.brotli:dec}). No maintained pure-Java Brotli encoder
 * exists on Maven Central, so {@link #canCompress()} is false and publishing with {@code brotli} is an
 * error that names the alternatives; a deployment needing it can register its own {@link Compressor}
 * (e.g. over Brotli4j's native encoder) under the same name. Thread-safe.
 */
public final class BrotliCompressor implements Compressor {

    @Override
    public String name() {
        return "brotli";
    }

    @Override
    public String headerValue() {
        return "application/x-brotli";
    }

    @Override
    public boolean canCompress() {
        return false;
    }

    @Override
    public byte[] compress(byte[] data) {
        throw new UnsupportedOperationException("Warren decodes brotli but does not encode it (no maintained"
                + " pure-Java encoder). Fix: publish with zlib, bzip2, lzma or zstd, or register a Compressor"
                + " named 'brotli' that can encode");
    }

    @Override
    public byte[] decompress(byte[] data, long maxSize) throws IOException, SizeLimitExceededException {
        return Streams.readCapped(new BrotliInputStream(new ByteArrayInputStream(data)), maxSize);
    }
}
