package dev.parley.protocol.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON configuration of Parley: snake_case names, duplicate keys rejected, trailing
 * tokens rejected, nesting depth and string and number sizes bounded, decimals kept exact, and
 * {@link Money} bound as {@code {"amount":"…","currency":"…"}}. Built once; only immutable
 * readers and writers are handed out.
 */
public final class ParleyJson {

    /** Deepest nesting of objects and arrays a Parley payload may use. */
    public static final int MAX_DEPTH = 32;
    /** Longest string value, in characters. */
    public static final int MAX_STRING_LENGTH = 64 * 1024;
    /** Longest number literal, in characters. */
    public static final int MAX_NUMBER_LENGTH = 40;

    private static final ObjectMapper MAPPER = build();
    private static final ObjectReader TREE_READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();

    private ParleyJson() {}

    private static ObjectMapper build() {
        SimpleModule money = new SimpleModule("parley-values");
        money.addSerializer(Money.class, new MoneySerializer());
        money.addDeserializer(Money.class, new MoneyDeserializer());
        money.addSerializer(AttributeValue.class, new AttributeSerializer());
        money.addDeserializer(AttributeValue.class, new AttributeDeserializer());
        money.addSerializer(Sku.class, new SkuSerializer());
        money.addDeserializer(Sku.class, new SkuDeserializer());
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // Bodies are schema-checked before binding; unknown fields there are x_ extensions.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(new JavaTimeModule())
                .addModule(money)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        return mapper;
    }

    /**
     * Parses one JSON object under the strict rules, or fails with {@code malformed} (or
     * {@code too_large} for a value beyond the size bounds).
     */
    public static ObjectNode readObject(byte[] json) throws ProtocolException {
        JsonNode node = readTree(json);
        if (!(node instanceof ObjectNode object)) {
            throw new ProtocolException(ErrorCode.MALFORMED, "expected a JSON object, found " + node.getNodeType().name().toLowerCase());
        }
        return object;
    }

    public static ObjectNode readObject(String json) throws ProtocolException {
        return readObject(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses any JSON value under the strict rules. */
    public static JsonNode readTree(byte[] json) throws ProtocolException {
        try {
            JsonNode node = TREE_READER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new ProtocolException(ErrorCode.MALFORMED, "empty JSON text");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "JSON exceeds a size bound: " + firstLine(e), e);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "invalid JSON: " + firstLine(e), e);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.MALFORMED, "unreadable JSON: " + firstLine(e), e);
        } catch (NumberFormatException | ArithmeticException e) {
            // a number Jackson cannot hold exactly, e.g. an exponent beyond the int range (1e9999999999)
            throw new ProtocolException(ErrorCode.MALFORMED, "JSON number out of range: " + firstLine(e), e);
        }
    }

    /**
     * Binds a schema-checked tree to a record. A failure here means the schema admitted what the
     * record refuses (a compact-constructor rule), reported as {@code schema_invalid}.
     */
    public static <T> T bind(JsonNode node, Class<T> type) throws ProtocolException {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root instanceof IllegalArgumentException || root instanceof NullPointerException
                    ? root.getMessage() : firstLine(e);
            throw new ProtocolException(ErrorCode.SCHEMA_INVALID, "cannot bind " + type.getSimpleName() + ": " + why, e);
        }
    }

    /** A record or tree as a JSON tree. */
    public static ObjectNode toTree(Object value) {
        JsonNode node = MAPPER.valueToTree(value);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("not a JSON object: " + value.getClass().getSimpleName());
        }
        return object;
    }

    /** Serializes compactly as UTF-8. */
    public static byte[] writeBytes(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writeString(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A reader for local configuration files (policies, node settings) under the same strict
     * rules, where an unknown field is an error rather than an extension: a misspelt setting must
     * not be silently ignored.
     */
    public static ObjectReader configReader(Class<?> type) {
        return MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A fresh empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The shared, immutable writer (pretty printing and the like derive from it). */
    public static ObjectWriter writer() {
        return WRITER;
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class MoneySerializer extends JsonSerializer<Money> {
        @Override
        public void serialize(Money value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("amount", value.amountString());
            gen.writeStringField("currency", value.currencyCode());
            gen.writeEndObject();
        }
    }

    private static final class MoneyDeserializer extends JsonDeserializer<Money> {
        @Override
        public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (Money) ctxt.handleUnexpectedToken(Money.class, p);
            }
            JsonNode node = ctxt.readTree(p);
            JsonNode amount = node.get("amount");
            JsonNode currency = node.get("currency");
            if (amount == null || !amount.isTextual() || currency == null || !currency.isTextual() || node.size() != 2) {
                return (Money) ctxt.handleWeirdStringValue(Money.class, String.valueOf(node),
                        "money is {\"amount\": decimal string, \"currency\": ISO 4217 code}");
            }
            try {
                return Money.of(amount.asText(), currency.asText());
            } catch (IllegalArgumentException e) {
                return (Money) ctxt.handleWeirdStringValue(Money.class, amount.asText(), e.getMessage());
            }
        }
    }

    private static final class SkuSerializer extends JsonSerializer<Sku> {
        @Override
        public void serialize(Sku value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.value());
        }
    }

    private static final class SkuDeserializer extends JsonDeserializer<Sku> {
        @Override
        public Sku deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Sku) ctxt.handleUnexpectedToken(Sku.class, p);
            }
            try {
                return new Sku(p.getText());
            } catch (IllegalArgumentException e) {
                return (Sku) ctxt.handleWeirdStringValue(Sku.class, p.getText(), e.getMessage());
            }
        }
    }

    private static final class AttributeSerializer extends JsonSerializer<AttributeValue> {
        @Override
        public void serialize(AttributeValue value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value instanceof AttributeValue.Text t) {
                gen.writeString(t.value());
            } else if (value instanceof AttributeValue.Flag f) {
                gen.writeBoolean(f.value());
            } else if (value instanceof AttributeValue.Number n) {
                gen.writeNumber(n.value());
            } else {
                AttributeValue.TextList list = (AttributeValue.TextList) value;
                gen.writeStartArray();
                for (String v : list.values()) {
                    gen.writeString(v);
                }
                gen.writeEndArray();
            }
        }
    }

    private static final class AttributeDeserializer extends JsonDeserializer<AttributeValue> {
        @Override
        public AttributeValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            switch (token) {
                case VALUE_STRING:
                    return new AttributeValue.Text(p.getText());
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return new AttributeValue.Flag(p.getBooleanValue());
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return new AttributeValue.Number(p.getDecimalValue());
                case START_ARRAY:
                    java.util.List<String> values = new java.util.ArrayList<>();
                    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                        if (t != JsonToken.VALUE_STRING) {
                            return (AttributeValue) ctxt.handleUnexpectedToken(AttributeValue.class, p);
                        }
                        values.add(p.getText());
                    }
                    return new AttributeValue.TextList(values);
                default:
                    return (AttributeValue) ctxt.handleUnexpectedToken(AttributeValue.class, p);
            }
        }
    }
}
