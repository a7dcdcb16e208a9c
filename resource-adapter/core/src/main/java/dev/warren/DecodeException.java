package dev.warren;

/**
 * A message body could not be decoded: malformed for its content type, refused by the accept list,
 * corrupt compression, or over the decompression size cap. The message names the content type, the
 * message (message id and delivery tag, where known) and the cause.
 */
public class DecodeException extends WarrenException {
    private static final long serialVersionUID = 1L;

    /** @param message what could not be decoded and why @param cause the parser's error, or null */
    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
