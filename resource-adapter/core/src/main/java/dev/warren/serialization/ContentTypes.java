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
     * @return the lower-case type without parameters, e.g. {@code application/json}
     */
    public static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        String base = semi >= 0 ? contentType.substring(0, semi) : contentType;
        return base.trim().toLowerCase(Locale.ROOT);
    }
}
