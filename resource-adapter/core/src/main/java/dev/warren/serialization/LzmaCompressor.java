package dev.warren.serialization;

import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * kombu's {@code lzma} (alias {@code xz}) under the header value {@code application/x-lzma}. kombu uses
 * Python's {@code lzma.compress}, whose default is an <em>.xz container</em> (preset 6, CRC64 check), and
 * that is what this writes (XZ for Java). Decoding accepts .xz (also concatenated streams) and, like
 * Python's {@code FORMAT_AUTO}, the legacy {@code .lzma} ("alone") format. The decoder's memory use is
 * capped. Thread-safe.
 */
public final class LzmaCompressor implements Compressor {
    /** Decoder dictionary memory cap in KiB (presets 0–9 need at most ~65 MiB). */
    private static final int MEMORY_LIMIT_KIB = 96 * 1024;

    @Override
    public String name() {
        return "lzma";
    }

    @Override
    public String headerValue() {
        return "application/x-lzma";
    }

    @Override
    public byte[] compress(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(LZMA2Options.PRESET_DEFAULT),
                XZ.CHECK_CRC64)) {
            xz.write(data);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] decompress(byte[] data, long maxSize) throws IOException, SizeLimitExceededException {
        InputStream raw = new ByteArrayInputStream(data);
        boolean xz = data.length >= XZ.HEADER_MAGIC.length
                && Arrays.equals(Arrays.copyOf(data, XZ.HEADER_MAGIC.length), XZ.HEADER_MAGIC);
        InputStream in = xz ? new XZInputStream(raw, MEMORY_LIMIT_KIB) : new LZMAInputStream(raw, MEMORY_LIMIT_KIB);
        return Streams.readCapped(in, maxSize);
    }
}
