package dev.warren.serialization;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Razorvine's unpickler restricted like Python's "restricted Unpickler" recipe: every global
 * ({@code GLOBAL}, {@code STACK_GLOBAL}) must be on {@link PythonGlobals#ALLOWED}; opcodes that build
 * arbitrary instances or call out ({@code INST}, {@code OBJ}, {@code BUILD}, {@code NEWOBJ_EX},
 * persistent ids, extension registry) are refused; declared string/bytes lengths are checked against the
 * remaining input before allocation. One instance per body; not thread-safe.
 */
final class SafeUnpickler extends Unpickler {
    private final ByteArrayInputStream in;

    SafeUnpickler(byte[] body) {
        this.in = new ByteArrayInputStream(body);
    }

    Object load() throws IOException {
        return load(in);
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL: {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL: {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(name instanceof String) || !(module instanceof String)) {
                    throw new PickleException("STACK_GLOBAL needs two strings");
                }
                stack.add(resolve((String) module, (String) name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.OBJ, Opcodes.BUILD, Opcodes.NEWOBJ_EX, Opcodes.PERSID, Opcodes.BINPERSID,
                 Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4:
                throw new PickleException("refused pickle opcode " + key + " ('" + (char) key
                        + "'): it builds arbitrary objects; Warren decodes plain data only");
            case Opcodes.BINSTRING, Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.LONG4:
                checkLength(4);
                break;
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8:
                checkLength(8);
                break;
            default:
                break;
        }
        return super.dispatch(key);
    }

    private static IObjectConstructor resolve(String module, String name) {
        IObjectConstructor c = PythonGlobals.ALLOWED.get(module + "." + name);
        if (c == null) {
            throw new PickleException("refused global '" + module + "." + name + "': Warren unpickles plain data"
                    + " only (dict, list, tuple, str, bytes, int, float, bool, None, set, datetime, date, time,"
                    + " timedelta, timezone, Decimal); objects of other classes are never constructed");
        }
        return c;
    }

    private void checkLength(int width) throws IOException {
        in.mark(width);
        byte[] b = in.readNBytes(width);
        in.reset();
        if (b.length < width) {
            throw new PickleException("truncated pickle");
        }
        long n = width == 4 ? Integer.toUnsignedLong(PickleUtils.bytes_to_integer(b)) : PickleUtils.bytes_to_long(b, 0);
        if (n < 0 || n > in.available() - width) {
            throw new PickleException("pickle length " + Long.toUnsignedString(n) + " exceeds the remaining "
                    + (in.available() - width) + " bytes (truncated or corrupt)");
        }
    }
}
