package dev.warren.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * kombu's {@code yaml}: {@code application/x-yaml}, {@code utf-8}, with Jackson's YAML dataformat.
 *
 * <p>Loading is safe by construction: Jackson reads SnakeYAML's parser events and builds only maps,
 * lists, strings, numbers, booleans and null (and {@code byte[]} for {@code !!binary}); YAML tags never
 * instantiate classes (unlike SnakeYAML's {@code Constructor}). Nesting depth, aliases and document size
 * are limited. Python's {@code yaml.safe_dump} timestamps ({@code 2024-02-29 13:45:30}) arrive as strings
 * in plain decoding and convert into {@code LocalDateTime}/{@code OffsetDateTime}/{@code LocalDate} fields
 * in typed decoding ({@link YamlTimestamps});
 * Warren writes {@code java.time} values as ISO-8601 strings, and floats in the YAML 1.1 form PyYAML
 * resolves as floats ({@code 1.5e+300}, {@code .inf}, {@code .nan}; Java's {@code 1.5E300} would be read
 * as a string). Thread-safe.
 */
public final class YamlSerializer implements Serializer {
    /** Largest YAML document accepted, in code points. */
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private final ObjectMapper mapper;

    /** Creates the serializer with safe loader limits. */
    public YamlSerializer() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_CODE_POINTS);
        loader.setMaxAliasesForCollections(50);
        loader.setNestingDepthLimit(200);
        loader.setAllowDuplicateKeys(false);
        this.mapper = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loader).build())
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(new SimpleModule("yaml-1.1-floats")
                        .addSerializer(Double.class, new Yaml11FloatSerializer())
                        .addSerializer(double.class, new Yaml11FloatSerializer()))
                .addModule(YamlTimestamps.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    @Override
    public String name() {
        return "yaml";
    }

    @Override
    public String contentType() {
        return "application/x-yaml";
    }

    @Override
    public String contentEncoding() {
        return ContentTypes.UTF_8;
    }

    @Override
    public byte[] encode(Object value) throws Exception {
        return mapper.writeValueAsBytes(value);
    }

    @Override
    public Object decode(byte[] body) throws Exception {
        return mapper.readValue(body, Object.class);
    }

    @Override
    public <T> T decode(byte[] body, Class<T> type, ObjectMapper ignored) throws Exception {
        return mapper.readValue(body, type);
    }
}
