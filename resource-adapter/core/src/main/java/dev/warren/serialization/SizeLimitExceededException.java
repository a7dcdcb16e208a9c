package dev.warren.serialization;

/** A decompressed body grew past the configured cap: a compression bomb, refused. */
public final class SizeLimitExceededException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param maxSize the cap in bytes */
    public SizeLimitExceededException(long maxSize) {
        super("decompressed body exceeds the limit of " + maxSize + " bytes (possible compression bomb);"
                + " raise maxDecompressedSize only if such messages are expected");
    }
}
