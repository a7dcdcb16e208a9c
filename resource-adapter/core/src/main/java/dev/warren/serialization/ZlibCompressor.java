package dev.warren.serialization;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * kombu's {@code zlib} (alias {@code gzip}): a zlib stream (RFC 1950, what Python's {@code zlib.compress}
 * writes) under the header value {@code application/x-gzip}. Uses the JDK's zlib. Thread-safe.
 */
public final class ZlibCompressor implements Compressor {

    @Override
    public String name() {
        return "zlib";
    }

    @Override
    public String headerValue() {
        return "application/x-gzip";
    }

    @Override
    public byte[] compress(byte[] data) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] decompress(byte[] data, long maxSize) throws DataFormatException, SizeLimitExceededException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length * 2));
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated zlib stream");
                }
                if ((long) out.size() + n > maxSize) {
                    throw new SizeLimitExceededException(maxSize);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
