package dev.warren.serialization;

import java.util.Locale;
import java.util.Set;

/** Content-type constants and helpers shared by the codec. */
public final class ContentTypes {
    /** kombu's content type for raw bytes sent with no serializer */
    public static final String APPLICATION_DATA = "application/data";
    /** the other content type kombu always trusts */
    public static final String APPLICATION_TEXT = "application/text";
    /** the content type of a plain string sent with no serializer */
    public static final String TEXT_PLAIN = "text/plain";
    /** kombu's json content type */
    public static final String APPLICATION_JSON = "application/json";
    /** content encoding of binary bodies */
    public static final String BINARY = "binary";
    /** content encoding of text bodies */
    public static final String UTF_8 = "utf-8";

    /** Encodings under which kombu leaves an unknown body as bytes instead of decoding it to text. */
    static final Set<String> SKIP_DECODE = Set.of("binary", "ascii-8bit");

    /** Content types decoded whatever the accept list says, as in kombu. */
    static final Set<String> TRUSTED = Set.of(APPLICATION_DATA, APPLICATION_TEXT);

    private ContentTypes() {
    }

    /**
     * @param contentType e.g. {@code Application/JSON; charset=utf-8}
     * @return the lower-case type without parameters, e.g. {@code application/json}; the argument itself,
     *         after a single scan, when it already is one (the per-message case)
     */
    public static String baseType(String contentType) {
        if (isCanonical(contentType, true)) {
            return contentType;
        }
        int semi = contentType.indexOf(';');
        String base = semi >= 0 ? contentType.substring(0, semi) : contentType;
        return base.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The per-message form of {@link #baseType}: a missing or blank content type means
     * {@link #APPLICATION_DATA} (kombu's rule), and the common {@code application/json} is recognised with one
     * comparison and answered with the constant, whose hash is already computed for the registry lookup.
     *
     * @param contentType the {@code content_type} property, or null
     * @return the lower-case type without parameters
     */
    static String receivedBaseType(String contentType) {
        if (contentType == null) {
            return APPLICATION_DATA;
        }
        if (APPLICATION_JSON.equals(contentType)) {
            return APPLICATION_JSON;
        }
        return contentType.isBlank() ? APPLICATION_DATA : baseType(contentType);
    }

    /**
     * The per-message form of {@link #normalize} for a {@code content_encoding}: missing or blank means
     * {@link #UTF_8}, and {@code utf-8} itself is answered with the constant after one comparison.
     *
     * @param contentEncoding the {@code content_encoding} property, or null
     * @return the lower-case encoding
     */
    static String receivedEncoding(String contentEncoding) {
        if (contentEncoding == null || UTF_8.equals(contentEncoding)) {
            return UTF_8;
        }
        return contentEncoding.isBlank() ? UTF_8 : normalize(contentEncoding);
    }

    /**
     * The one normalisation of names, encodings and accept entries: {@code s.trim().toLowerCase(Locale.ROOT)},
     * short-cut to a single scan that returns {@code s} itself when it already is trimmed, lower-case ASCII.
     *
     * @param s e.g. {@code " UTF-8"}
     * @return e.g. {@code utf-8}; {@code s} itself when nothing changes
     */
    static String normalize(String s) {
        return isCanonical(s, false) ? s : s.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * @return true when trimming, lower-casing (and, with {@code noParameters}, cutting at {@code ';'})
     *         cannot change {@code s}: all ASCII, no upper-case letter, nothing {@link String#trim()} removes
     *         at either end
     */
    private static boolean isCanonical(String s, boolean noParameters) {
        int n = s.length();
        if (n > 0 && (s.charAt(0) <= ' ' || s.charAt(n - 1) <= ' ')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (noParameters && c == ';')) {
                return false;
            }
        }
        return true;
    }
}
