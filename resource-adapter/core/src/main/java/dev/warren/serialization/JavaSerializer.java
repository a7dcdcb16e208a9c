package dev.warren.serialization;

import dev.warren.WarrenException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Java object serialization, {@code application/x-java-serialized-object}, {@code binary} — only with an
 * explicit class allow-list. It is not among the built-ins: register it with
 * {@link SerializerRegistry.Builder#withJavaSerialization(String)} and accept it by name ({@code java}).
 *
 * <p>Every class in the stream is checked by an {@link ObjectInputFilter} built from the allow-list
 * (JDK filter syntax: {@code com.example.Order}, {@code com.example.*} for a package,
 * {@code com.example.**} with subpackages), followed by {@code !*}: anything not listed is rejected before
 * it is instantiated. Depth, reference count, array length and stream size are limited too. Remember that
 * {@code java.lang.Number} and the boxed types ({@code java.lang.Integer} …) and collection classes
 * ({@code java.util.ArrayList} …) are classes the stream names, so list them when your objects hold them.
 * Thread-safe.
 */
public final class JavaSerializer implements Serializer {
    /** The content type. */
    public static final String CONTENT_TYPE = "application/x-java-serialized-object";

    private final String allowList;
    private final ObjectInputFilter filter;

    /**
     * @param allowList classes and packages allowed, separated by {@code ;} or {@code ,}, in JDK filter
     *                  syntax; must not be blank and must not contain a wildcard-everything entry
     * @throws WarrenException when the allow-list is blank or allows everything
     */
    public JavaSerializer(String allowList) {
        if (allowList == null || allowList.isBlank()) {
            throw new WarrenException("Java serialization needs an explicit class allow-list. Fix: name the"
                    + " classes or packages to accept, e.g. com.example.Order;java.util.ArrayList;java.lang.Number");
        }
        List<String> entries = List.of(allowList.split("[;,]"));
        StringBuilder pattern = new StringBuilder("maxdepth=64;maxrefs=100000;maxarray=16777216;maxbytes=67108864");
        for (String e : entries) {
            String entry = e.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*") || entry.equals("**") || entry.equals(".*") || entry.equals(".**")
                    || entry.startsWith("!") || entry.contains("=")) {
                throw new WarrenException("Java serialization allow-list entry '" + entry + "' is not allowed:"
                        + " list classes or packages to accept (no '*', no '!', no limits). Fix: e.g."
                        + " com.example.*");
            }
            pattern.append(';').append(entry);
        }
        this.allowList = allowList.trim();
        this.filter = ObjectInputFilter.Config.createFilter(pattern.append(";!*").toString());
    }

    /** @return the configured allow-list */
    public String allowList() {
        return allowList;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public String contentEncoding() {
        return ContentTypes.BINARY;
    }

    @Override
    public byte[] encode(Object value) throws IOException {
        if (value != null && !(value instanceof Serializable)) {
            throw new IllegalArgumentException(value.getClass().getName() + " is not Serializable");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] body) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(body))) {
            in.setObjectInputFilter(filter);
            Object value = in.readObject();
            if (in.read() != -1) {
                throw new IOException("trailing bytes after the serialized object");
            }
            return value;
        } catch (InvalidClassException e) {
            throw new InvalidClassException(e.classname, "rejected by the allow-list [" + allowList
                    + "] (" + e.getMessage() + "). Fix: add the class to the Java serialization allow-list"
                    + " only if the producer is trusted");
        }
    }
}
