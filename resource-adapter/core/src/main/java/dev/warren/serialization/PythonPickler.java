package dev.warren.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.Pickler;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Razorvine's pickler (protocol 2, which every Python 3 reads) with what Python peers expect: {@code byte[]}
 * becomes Python {@code bytes} (as CPython's own protocol 2 writes it, {@code _codecs.encode(s, 'latin1')}),
 * {@code java.time} values become {@code datetime}/{@code date}/{@code time}/{@code timedelta} (offsets as
 * {@code datetime.timezone}), {@code UUID} and enums strings, records and beans maps (via Jackson).
 * Per-instance, no global registration. Not thread-safe: one per encode.
 */
final class PythonPickler extends Pickler {
    private static final int MAX_DEPTH = 512;

    /** Marks a {@code byte[]} to be pickled as Python bytes rather than razorvine's bytearray. */
    private record Bytes(byte[] value) {
    }

    private final ObjectMapper mapper;

    PythonPickler(ObjectMapper mapper) {
        super(false);
        this.mapper = mapper;
    }

    byte[] pickle(Object value) throws IOException {
        return dumps(prepare(value, 0));
    }

    private Object prepare(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte || v instanceof BigInteger || v instanceof Double
                || v instanceof Float || v instanceof BigDecimal || v instanceof Duration
                || v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime
                || v instanceof OffsetDateTime) {
            return v;
        }
        if (v instanceof byte[] b) {
            return new Bytes(b);
        }
        if (v instanceof ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        if (v instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (v instanceof UUID || v instanceof Character) {
            return v.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(prepare(k, depth + 1), prepare(val, depth + 1)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(o -> out.add(prepare(o, depth + 1)));
            return out;
        }
        if (v instanceof Object[] a) {
            return prepare(java.util.Arrays.asList(a), depth);
        }
        return prepare(mapper.convertValue(v, Object.class), depth + 1);
    }

    @Override
    protected IObjectPickler getCustomPickler(Class<?> t) {
        if (t == Bytes.class) {
            return (o, out, p) -> {
                global(out, "_codecs", "encode");
                p.save(new String(((Bytes) o).value(), StandardCharsets.ISO_8859_1));
                p.save("latin1");
                out.write(Opcodes.TUPLE2);
                out.write(Opcodes.REDUCE);
            };
        }
        if (t == LocalDateTime.class || t == OffsetDateTime.class) {
            return (o, out, p) -> {
                LocalDateTime d = o instanceof OffsetDateTime od ? od.toLocalDateTime() : (LocalDateTime) o;
                global(out, "datetime", "datetime");
                out.write(Opcodes.MARK);
                for (int f : new int[] {d.getYear(), d.getMonthValue(), d.getDayOfMonth(), d.getHour(),
                        d.getMinute(), d.getSecond(), d.getNano() / 1000}) {
                    p.save(f);
                }
                if (o instanceof OffsetDateTime od) {
                    timezone(out, p, od.getOffset());
                }
                out.write(Opcodes.TUPLE);
                out.write(Opcodes.REDUCE);
            };
        }
        if (t == LocalDate.class) {
            return (o, out, p) -> {
                LocalDate d = (LocalDate) o;
                global(out, "datetime", "date");
                out.write(Opcodes.MARK);
                p.save(d.getYear());
                p.save(d.getMonthValue());
                p.save(d.getDayOfMonth());
                out.write(Opcodes.TUPLE);
                out.write(Opcodes.REDUCE);
            };
        }
        if (t == LocalTime.class) {
            return (o, out, p) -> {
                LocalTime d = (LocalTime) o;
                global(out, "datetime", "time");
                out.write(Opcodes.MARK);
                p.save(d.getHour());
                p.save(d.getMinute());
                p.save(d.getSecond());
                p.save(d.getNano() / 1000);
                out.write(Opcodes.TUPLE);
                out.write(Opcodes.REDUCE);
            };
        }
        if (t == Duration.class) {
            return (o, out, p) -> timedelta(out, p, (Duration) o);
        }
        return super.getCustomPickler(t);
    }

    private static void global(OutputStream out, String module, String name) throws IOException {
        out.write(Opcodes.GLOBAL);
        out.write((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void timedelta(OutputStream out, Pickler p, Duration d) throws IOException {
        global(out, "datetime", "timedelta");
        out.write(Opcodes.MARK);
        p.save(0);
        p.save(d.getSeconds());
        p.save(d.getNano() / 1000);
        out.write(Opcodes.TUPLE);
        out.write(Opcodes.REDUCE);
    }

    private static void timezone(OutputStream out, Pickler p, ZoneOffset offset) throws IOException {
        global(out, "datetime", "timezone");
        out.write(Opcodes.MARK);
        timedelta(out, p, Duration.ofSeconds(offset.getTotalSeconds()));
        out.write(Opcodes.TUPLE);
        out.write(Opcodes.REDUCE);
    }
}
