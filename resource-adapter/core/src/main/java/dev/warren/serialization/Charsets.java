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
     * Resolves a {@code content_encoding} value, accepting Python's spellings too ({@code latin-1},
     * {@code utf_8}) as kombu peers write them.
     *
     * @param encoding the charset name
     * @return the charset
     * @throws IllegalArgumentException naming the value when no charset has that name
     */
    public static Charset forName(String encoding) {
        String name = encoding.trim();
        for (String candidate : new String[] {name, name.replace("-", "").replace("_", ""), name.replace('_', '-')}) {
            try {
                return Charset.forName(candidate);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                // try the next spelling
            }
        }
        throw new IllegalArgumentException("unknown content encoding '" + encoding + "'");
    }

    /**
     * @param body the bytes
     * @param encoding a charset name as found in {@code content_encoding}, e.g. {@code utf-8}
     * @return the text
     * @throws CharacterCodingException when the bytes are not valid in that charset
     * @throws IllegalArgumentException when the charset is unknown
     */
    public static String decodeStrict(byte[] body, String encoding) throws CharacterCodingException {
        return forName(encoding).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }
}
