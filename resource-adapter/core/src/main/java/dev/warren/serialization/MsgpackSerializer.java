package dev.warren.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CodingErrorAction;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * kombu's {@code msgpack}: {@code application/x-msgpack}, {@code binary}, with msgpack-core, keeping bytes
 * and text apart exactly as kombu's {@code packb(use_bin_type=True)} / {@code unpackb(raw=False)}:
 * {@code byte[]} ⇄ bin, {@code String} ⇄ str (strict UTF-8).
 *
 * <p>Integers decode to {@code Integer}, {@code Long} or — for uint64 above {@code Long.MAX_VALUE} —
 * {@code BigInteger}; floats to {@code Double}; the timestamp extension to {@code java.time.Instant}. msgpack
 * has no integers beyond 64 bits: encoding a larger {@code BigInteger} is an error. {@code java.time}
 * values, {@code UUID} and {@code BigDecimal} are written as strings (kombu's msgpack has no date type);
 * records and beans go through Jackson to maps first. Declared lengths are checked against the body
 * before anything is allocated. Thread-safe.
 */
public final class MsgpackSerializer implements Serializer {
    private static final int MAX_DEPTH = 512;
    private static final MessagePack.UnpackerConfig UNPACKER = new MessagePack.UnpackerConfig()
            .withActionOnMalformedString(CodingErrorAction.REPORT)
            .withActionOnUnmappableString(CodingErrorAction.REPORT);
    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withStr8FormatSupport(true);

    private final ObjectMapper mapper = Json.newMapper();

    @Override
    public String name() {
        return "msgpack";
    }

    @Override
    public String contentType() {
        return "application/x-msgpack";
    }

    @Override
    public String contentEncoding() {
        return ContentTypes.BINARY;
    }

    @Override
    public byte[] encode(Object value) throws IOException {
        try (MessageBufferPacker packer = PACKER.newBufferPacker()) {
            pack(packer, value, 0);
            return packer.toByteArray();
        }
    }

    private void pack(MessageBufferPacker p, Object v, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            p.packBigInteger(b);
        } else if (v instanceof Float f) {
            p.packFloat(f);
        } else if (v instanceof Double d) {
            p.packDouble(d);
        } else if (v instanceof byte[] bytes) {
            p.packBinaryHeader(bytes.length);
            p.writePayload(bytes);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pack(p, e.getKey(), depth + 1);
                pack(p, e.getValue(), depth + 1);
            }
        } else if (v instanceof Collection<?> c) {
            p.packArrayHeader(c.size());
            for (Object o : c) {
                pack(p, o, depth + 1);
            }
        } else if (v instanceof Object[] a) {
            pack(p, java.util.Arrays.asList(a), depth);
        } else if (v instanceof TemporalAccessor || v instanceof UUID || v instanceof BigDecimal
                || v instanceof Character || v instanceof Enum<?>) {
            p.packString(v instanceof Enum<?> e ? e.name()
                    : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
        } else {
            pack(p, mapper.convertValue(v, Object.class), depth + 1);
        }
    }

    @Override
    public Object decode(byte[] body) throws IOException {
        try (MessageUnpacker u = UNPACKER.newUnpacker(body)) {
            if (!u.hasNext()) {
                throw new IOException("empty msgpack body");
            }
            Object value = unpack(u, body.length, 0);
            if (u.hasNext()) {
                throw new IOException("trailing bytes after the msgpack value at offset " + u.getTotalReadBytes());
            }
            return value;
        }
    }

    private Object unpack(MessageUnpacker u, int total, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("msgpack value nested deeper than " + MAX_DEPTH + " levels");
        }
        MessageFormat format = u.getNextFormat();
        ValueType type = format.getValueType();
        switch (type) {
            case NIL:
                u.unpackNil();
                return null;
            case BOOLEAN:
                return u.unpackBoolean();
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    BigInteger b = u.unpackBigInteger();
                    return b.bitLength() < 64 ? narrow(b.longValue()) : b;
                }
                return narrow(u.unpackLong());
            case FLOAT:
                return u.unpackDouble();
            case STRING: {
                int n = u.unpackRawStringHeader();
                byte[] raw = u.readPayload(checkLength(n, u, total));
                return Charsets.decodeStrict(raw, ContentTypes.UTF_8);
            }
            case BINARY: {
                int n = u.unpackBinaryHeader();
                return u.readPayload(checkLength(n, u, total));
            }
            case ARRAY: {
                int n = checkLength(u.unpackArrayHeader(), u, total);
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(unpack(u, total, depth + 1));
                }
                return list;
            }
            case MAP: {
                int n = checkLength(u.unpackMapHeader(), u, total);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = unpack(u, total, depth + 1);
                    map.put(key, unpack(u, total, depth + 1));
                }
                return map;
            }
            case EXTENSION: {
                ExtensionTypeHeader header = u.unpackExtensionTypeHeader();
                if (header.getType() == -1) {
                    return u.unpackTimestamp(header);
                }
                throw new IOException("unsupported msgpack extension type " + header.getType());
            }
            default:
                throw new IOException("unsupported msgpack value type " + type);
        }
    }

    private static int checkLength(int n, MessageUnpacker u, int total) throws IOException {
        if (n < 0 || n > total - u.getTotalReadBytes()) {
            throw new IOException("msgpack length " + Integer.toUnsignedString(n) + " at offset "
                    + u.getTotalReadBytes() + " exceeds the " + total + "-byte body (truncated or corrupt)");
        }
        return n;
    }

    private static Number narrow(long v) {
        return v == (int) v ? (Number) (int) v : (Number) v;
    }

    @Override
    public <T> T decode(byte[] body, Class<T> type, ObjectMapper mapper) throws Exception {
        Object plain = decode(body);
        return type.isInstance(plain) ? type.cast(plain) : mapper.convertValue(plain, type);
    }
}
