package dev.warren.serialization;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The only Python globals a Warren pickle may reference, each mapped to a plain Java value: the
 * {@code datetime} types (to {@code java.time}), {@code decimal.Decimal}, {@code bytes}/{@code bytearray}
 * (also protocol 2's {@code _codecs.encode}), {@code set}/{@code frozenset} (to lists). Anything else is
 * refused before it is constructed.
 */
final class PythonGlobals {
    static final Map<String, IObjectConstructor> ALLOWED = Map.ofEntries(
            Map.entry("datetime.datetime", PythonGlobals::datetime),
            Map.entry("datetime.date", PythonGlobals::date),
            Map.entry("datetime.time", PythonGlobals::time),
            Map.entry("datetime.timedelta", PythonGlobals::timedelta),
            Map.entry("datetime.timezone", PythonGlobals::timezone),
            Map.entry("decimal.Decimal", args -> new BigDecimal(String.valueOf(arg(args, 0)))),
            Map.entry("_codecs.encode", PythonGlobals::bytes),
            Map.entry("builtins.bytes", PythonGlobals::bytes),
            Map.entry("__builtin__.bytes", PythonGlobals::bytes),
            Map.entry("builtins.bytearray", PythonGlobals::bytes),
            Map.entry("__builtin__.bytearray", PythonGlobals::bytes),
            Map.entry("builtins.set", PythonGlobals::list),
            Map.entry("__builtin__.set", PythonGlobals::list),
            Map.entry("builtins.frozenset", PythonGlobals::list),
            Map.entry("__builtin__.frozenset", PythonGlobals::list));

    private PythonGlobals() {
    }

    private static Object arg(Object[] args, int i) {
        if (args.length <= i) {
            throw new PickleException("missing constructor argument " + i);
        }
        return args[i];
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static Object datetime(Object[] args) {
        Object first = arg(args, 0);
        LocalDateTime local;
        Object tz = null;
        if (first instanceof byte[] b && b.length == 10) {
            local = LocalDateTime.of(u(b, 0) << 8 | u(b, 1), u(b, 2) & 0x7F, u(b, 3), u(b, 4), u(b, 5), u(b, 6),
                    (u(b, 7) << 16 | u(b, 8) << 8 | u(b, 9)) * 1000);
            tz = args.length > 1 ? args[1] : null;
        } else if (first instanceof Number) {
            int[] f = new int[7];
            for (int i = 0; i < 7; i++) {
                f[i] = i < args.length && args[i] instanceof Number n ? n.intValue() : 0;
            }
            local = LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5], f[6] * 1000);
            tz = args.length > 7 ? args[7] : null;
        } else {
            throw new PickleException("unsupported datetime state " + first);
        }
        return tz == null ? local : OffsetDateTime.of(local, offset(tz));
    }

    private static Object date(Object[] args) {
        Object first = arg(args, 0);
        if (first instanceof byte[] b && b.length == 4) {
            return LocalDate.of(u(b, 0) << 8 | u(b, 1), u(b, 2), u(b, 3));
        }
        if (first instanceof Number y && args.length == 3) {
            return LocalDate.of(y.intValue(), ((Number) args[1]).intValue(), ((Number) args[2]).intValue());
        }
        throw new PickleException("unsupported date state " + first);
    }

    private static Object time(Object[] args) {
        Object first = arg(args, 0);
        if (first instanceof byte[] b && b.length == 6) {
            LocalTime t = LocalTime.of(u(b, 0) & 0x7F, u(b, 1), u(b, 2), (u(b, 3) << 16 | u(b, 4) << 8 | u(b, 5)) * 1000);
            return args.length > 1 && args[1] != null ? t.atOffset(offset(args[1])) : t;
        }
        throw new PickleException("unsupported time state " + first);
    }

    private static Object timedelta(Object[] args) {
        long days = args.length > 0 ? ((Number) args[0]).longValue() : 0;
        long seconds = args.length > 1 ? ((Number) args[1]).longValue() : 0;
        long micros = args.length > 2 ? ((Number) args[2]).longValue() : 0;
        return Duration.ofDays(days).plusSeconds(seconds).plusNanos(micros * 1000);
    }

    private static Object timezone(Object[] args) {
        Object delta = arg(args, 0);
        if (delta instanceof Duration d) {
            return ZoneOffset.ofTotalSeconds((int) d.getSeconds());
        }
        throw new PickleException("unsupported timezone state " + delta);
    }

    private static ZoneOffset offset(Object tz) {
        if (tz instanceof ZoneOffset z) {
            return z;
        }
        throw new PickleException("unsupported tzinfo " + tz + " (only datetime.timezone offsets are allowed)");
    }

    private static Object bytes(Object[] args) {
        if (args.length == 0) {
            return new byte[0];
        }
        Object first = args[0];
        if (first instanceof byte[] b) {
            return b;
        }
        if (first instanceof String s) {
            String encoding = args.length > 1 ? String.valueOf(args[1]) : "latin1";
            return s.getBytes(Charset.forName(encoding.equals("latin1") ? "ISO-8859-1" : encoding));
        }
        if (first instanceof List<?> ints) {
            byte[] b = new byte[ints.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ((Number) ints.get(i)).intValue();
            }
            return b;
        }
        throw new PickleException("unsupported bytes state " + first);
    }

    private static Object list(Object[] args) {
        if (args.length == 0) {
            return new ArrayList<>();
        }
        Object first = args[0];
        if (first instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (first instanceof Object[] a) {
            return new ArrayList<>(List.of(a));
        }
        throw new PickleException("unsupported set state " + first);
    }
}
