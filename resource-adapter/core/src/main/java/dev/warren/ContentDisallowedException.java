package dev.warren;

/**
 * A message's content type is not in the consumer's accept list (kombu's {@code ContentDisallowed}).
 * Fix: add the serializer name or content type to the accept list of the consumer or activation.
 */
public class ContentDisallowedException extends DecodeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the refusal, in kombu's words: "Refusing to deserialize untrusted content of type …"
     */
    public ContentDisallowedException(String message) {
        super(message, null);
    }
}
