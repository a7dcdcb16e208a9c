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
import java.util.concurrent.atomic.AtomicReference;

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

    private static final ObjectInputFilter LIMITS = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxrefs=100000;maxarray=16777216;maxbytes=67108864");

    private final String allowList;
    private final ObjectInputFilter classes;

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
        StringBuilder pattern = new StringBuilder();
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
            pattern.append(entry).append(';');
        }
        this.allowList = allowList.trim();
        this.classes = ObjectInputFilter.Config.createFilter(pattern.append("!*").toString());
    }

    /**
     * Limits first, then the allow-list; arrays of primitives and {@code Object[]} (collection internals)
     * pass as containers, their elements being checked one by one. Records the first rejected class.
     */
    private ObjectInputFilter filter(AtomicReference<String> rejected) {
        return info -> {
            if (LIMITS.checkInput(info) == ObjectInputFilter.Status.REJECTED) {
                rejected.compareAndSet(null, "stream limits (depth " + info.depth() + ", references "
                        + info.references() + ", bytes " + info.streamBytes() + ", array " + info.arrayLength() + ")");
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> c = info.serialClass();
            if (c == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            Class<?> component = c;
            while (component.isArray()) {
                component = component.getComponentType();
            }
            if (c.isArray() && (component.isPrimitive() || component == Object.class)) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            ObjectInputFilter.Status status = classes.checkInput(info);
            if (status == ObjectInputFilter.Status.REJECTED) {
                rejected.compareAndSet(null, "class " + c.getName());
            }
            return status;
        };
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
        AtomicReference<String> rejected = new AtomicReference<>();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(body))) {
            in.setObjectInputFilter(filter(rejected));
            Object value = in.readObject();
            if (in.read() != -1) {
                throw new IOException("trailing bytes after the serialized object");
            }
            return value;
        } catch (InvalidClassException e) {
            throw new InvalidClassException(rejected.get() == null ? e.getMessage()
                    : rejected.get() + " rejected by the allow-list [" + allowList + "]. Fix: add it to the Java"
                    + " serialization allow-list only if the producer is trusted");
        }
    }
}
