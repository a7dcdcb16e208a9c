package dev.warren.serialization;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/** Strict text decoding for message bodies. */
public final class Charsets {
    private Charsets() {
    }

    /**
     * @param body the bytes
     * @param encoding a charset name as found in {@code content_encoding}, e.g. {@code utf-8}
     * @return the text
     * @throws CharacterCodingException when the bytes are not valid in that charset
     * @throws IllegalArgumentException when the charset is unknown
     */
    public static String decodeStrict(byte[] body, String encoding) throws CharacterCodingException {
        Charset charset;
        try {
            charset = Charset.forName(encoding.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown content encoding '" + encoding + "'", e);
        }
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }
}
