package dev.warren.serialization;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * kombu's {@code zstd} (alias {@code zstandard}) under the header value {@code application/zstd}: one
 * Zstandard frame, with the content size in the frame header (python-zstandard's
 * {@code ZstdDecompressor().decompress}, which kombu uses, needs it). Uses zstd-jni (native code bundled in
 * the jar for common platforms), level 3 as python-zstandard's default. Decoding streams, so frames
 * without a content size work too. Thread-safe.
 */
public final class ZstdCompressor implements Compressor {
    private static final int LEVEL = 3;

    @Override
    public String name() {
        return "zstd";
    }

    @Override
    public String headerValue() {
        return "application/zstd";
    }

    @Override
    public byte[] compress(byte[] data) {
        return Zstd.compress(data, LEVEL);
    }

    @Override
    public byte[] decompress(byte[] data, long maxSize) throws IOException, SizeLimitExceededException {
        return Streams.readCapped(new ZstdInputStream(new ByteArrayInputStream(data)), maxSize);
    }
}
