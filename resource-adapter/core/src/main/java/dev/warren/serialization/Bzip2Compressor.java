package dev.warren.serialization;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * kombu's {@code bzip2} (alias {@code bzip}): a bzip2 stream, what Python's {@code bz2.compress} writes,
 * under the header value {@code application/x-bz2}. Uses Apache Commons Compress (block size 900k, as
 * Python's default level 9). Concatenated streams are decoded like Python does. Thread-safe.
 */
public final class Bzip2Compressor implements Compressor {

    @Override
    public String name() {
        return "bzip2";
    }

    @Override
    public String headerValue() {
        return "application/x-bz2";
    }

    @Override
    public byte[] compress(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out, 9)) {
            bz.write(data);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] decompress(byte[] data, long maxSize) throws IOException, SizeLimitExceededException {
        return Streams.readCapped(new BZip2CompressorInputStream(new ByteArrayInputStream(data), true), maxSize);
    }
}
