package dev.warren.serialization;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kombu's {@code pickle}: {@code application/x-python-serialize}, {@code binary}, with Razorvine's pickle
 * library. Never in a default accept list: pickle is Python's object serialization.
 *
 * <p>Decoding is restricted (see {@link SafeUnpickler}): a pickle referencing any global other than the
 * {@code datetime} types, {@code Decimal}, {@code bytes}/{@code bytearray} and {@code set}/{@code frozenset}
 * is refused with an error naming the global, so decoding yields only maps, lists (tuples and sets too),
 * strings, numbers ({@code Integer}, {@code Long}, {@code BigInteger}, {@code Double}, {@code BigDecimal}),
 * booleans, null, {@code byte[]} and {@code java.time} values ({@code LocalDateTime}/{@code OffsetDateTime},
 * {@code LocalDate}, {@code LocalTime}/{@code OffsetTime}, {@code Duration}) — never other classes.
 * Protocols 0–5 are read (kombu writes 4).
 *
 * <p>Encoding writes protocol 2, which every Python 3 reads: {@code byte[]} as {@code bytes},
 * {@code java.time} values as {@code datetime} objects, big integers exactly. Thread-safe.
 */
public final class PickleSerializer implements Serializer {
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = Json.newMapper();

    @Override
    public String name() {
        return "pickle";
    }

    @Override
    public String contentType() {
        return "application/x-python-serialize";
    }

    @Override
    public String contentEncoding() {
        return ContentTypes.BINARY;
    }

    @Override
    public byte[] encode(Object value) throws Exception {
        return new PythonPickler(mapper).pickle(value);
    }

    @Override
    public Object decode(byte[] body) throws Exception {
        SafeUnpickler unpickler = new SafeUnpickler(body);
        try {
            return plain(unpickler.load());
        } finally {
            unpickler.close();
        }
    }

    /** Tuples and sets become lists; anything that is not plain data is refused. */
    private static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof BigInteger || v instanceof Double || v instanceof BigDecimal || v instanceof byte[]
                || v instanceof TemporalAccessor || v instanceof Duration) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(plain(k), plain(val)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(o -> out.add(plain(o)));
            return out;
        }
        if (v instanceof Object[] a) {
            return plain(java.util.Arrays.asList(a));
        }
        throw new IllegalArgumentException("pickle produced a " + v.getClass().getName()
                + ", which is not plain data; refused");
    }
}
