package dev.warren.serialization;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;

import java.io.IOException;

/**
 * Brotli encoding through Brotli4j's native library, kept apart so that {@link BrotliCompressor} still
 * loads (and decodes) where Brotli4j or its native library for the platform is missing.
 */
final class Brotli4jEncoder {
    private Brotli4jEncoder() {
    }

    /** @return whether the native encoder loaded on this platform */
    static boolean available() {
        try {
            return Brotli4jLoader.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** @return why the native encoder is not available, for error messages */
    static String unavailabilityCause() {
        try {
            Throwable t = Brotli4jLoader.getUnavailabilityCause();
            return t == null ? "unknown" : t.toString();
        } catch (LinkageError e) {
            return "Brotli4j is not on the class path (" + e + ")";
        }
    }

    /** Quality 11, window 22: Python brotli's defaults. */
    static byte[] compress(byte[] data) throws IOException {
        return Encoder.compress(data, new Encoder.Parameters().setQuality(11).setWindow(22));
    }
}
