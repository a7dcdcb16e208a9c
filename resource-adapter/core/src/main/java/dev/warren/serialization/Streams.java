package dev.warren.serialization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Bounded reading of decompressor output: the guard against compression bombs. */
final class Streams {
    private Streams() {
    }

    /**
     * Reads a stream to its end, failing as soon as more than {@code maxSize} bytes come out.
     *
     * @param in the decompressing stream (closed here)
     * @param maxSize the most bytes allowed
     * @return everything read
     * @throws SizeLimitExceededException when the output exceeds {@code maxSize}
     * @throws IOException when the compressed data is corrupt or truncated
     */
    static byte[] readCapped(InputStream in, long maxSize) throws IOException, SizeLimitExceededException {
        try (InputStream input = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buf = new byte[8192];
            int n;
            while ((n = input.read(buf)) != -1) {
                if ((long) out.size() + n > maxSize) {
                    throw new SizeLimitExceededException(maxSize);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }
}
