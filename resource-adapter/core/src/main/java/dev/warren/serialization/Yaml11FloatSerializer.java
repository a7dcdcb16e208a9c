package dev.warren.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Writes doubles so that YAML 1.1 resolvers (PyYAML's {@code safe_load}, which kombu uses) read them as
 * floats: an exponent always carries a sign ({@code 1.5e+300}), and infinities and NaN use YAML's
 * {@code .inf}, {@code -.inf}, {@code .nan}.
 */
final class Yaml11FloatSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    Yaml11FloatSerializer() {
        super(Double.class);
    }

    static String format(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String exponent = s.substring(e + 1);
        return s.substring(0, e) + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeNumber(format(value));
    }
}
