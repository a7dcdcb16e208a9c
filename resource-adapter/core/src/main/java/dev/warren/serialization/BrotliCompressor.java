package dev.warren.serialization;

import org.brotli.dec.BrotliInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * kombu's {@code brotli} under the header value {@code application/x-brotli}. Decoding uses Google's
 * pure-Java reference decoder ({@code org.brotli:dec}) and works everywhere. Encoding uses Brotli4j's
 * native encoder (quality 11, window 22, as Python's {@code brotli.compress}); the rar carries the
 * native library of the platform it was built on. Where that library is missing {@link #canCompress()}
 * is false and publishing with {@code brotli} is an {@link dev.warren.EncodeException} naming the
 * other methods. Thread-safe.
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
        return Brotli4jEncoder.available();
    }

    @Override
    public byte[] compress(byte[] data) throws IOException {
        if (!Brotli4jEncoder.available()) {
            throw new UnsupportedOperationException("the Brotli4j native encoder is not available on this"
                    + " platform (" + Brotli4jEncoder.unavailabilityCause() + "). Fix: publish with zlib, bzip2,"
                    + " lzma or zstd, or add Brotli4j's native artifact for this platform");
        }
        return Brotli4jEncoder.compress(data);
    }

    @Override
    public byte[] decompress(byte[] data, long maxSize) throws IOException, SizeLimitExceededException {
        return Streams.readCapped(new BrotliInputStream(new ByteArrayInputStream(data)), maxSize);
    }
}
