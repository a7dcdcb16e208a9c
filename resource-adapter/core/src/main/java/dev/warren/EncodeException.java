package dev.warren;

/**
 * A value could not be serialized for publishing (unknown serializer, a type the format cannot represent,
 * a failing custom serializer). The message names the serializer and the value's type.
 */
public class EncodeException extends WarrenException {
    private static final long serialVersionUID = 1L;

    /** @param message what could not be encoded and why @param cause the serializer's error, or null */
    public EncodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
