package dev.warren.celery;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code repr} of plain values, as Celery's {@code argsrepr}/{@code kwargsrepr} headers carry them (what
 * {@code celery inspect} and Flower show), cut at {@link #MAX_SIZE} characters like Celery's {@code saferepr}.
 * Stateless and thread-safe.
 */
final class PyRepr {
    /** Celery's argsrepr/kwargsrepr size limit. */
    static final int MAX_SIZE = 1024;

    private PyRepr() {
    }

    /** @param args positional arguments @return their repr as a Python tuple */
    static String args(List<?> args) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, args.get(i));
        }
        if (args.size() == 1) {
            sb.append(',');
        }
        return cut(sb.append(')'));
    }

    /** @param value a value @return its repr */
    static String of(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return cut(sb);
    }

    private static String cut(StringBuilder sb) {
        return sb.length() <= MAX_SIZE ? sb.toString() : sb.substring(0, MAX_SIZE - 3) + "...";
    }

    private static void append(StringBuilder sb, Object v) {
        if (sb.length() > MAX_SIZE) {
            return;
        }
        if (v == null) {
            sb.append("None");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (v instanceof CharSequence s) {
            string(sb, s.toString());
        } else if (v instanceof byte[] bytes) {
            sb.append("b'<").append(bytes.length).append(" bytes>'");
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                append(sb, e.getKey());
                sb.append(": ");
                append(sb, e.getValue());
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                append(sb, it.next());
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append(']');
        } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            sb.append(d.isNaN() ? "nan" : d > 0 ? "inf" : "-inf");
        } else {
            sb.append(v);
        }
    }

    private static void string(StringBuilder sb, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append(quote);
    }
}
